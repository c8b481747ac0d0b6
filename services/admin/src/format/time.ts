/** Durations and instants as users read them: `2h 05m`, and Discord timestamps that render in each reader's zone. */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** `2h 05m`, `45m`, `0m`; whole minutes, rounded down (a session never shows more time than it credited). */
export function formatDuration(ms: number): string {
  const safe = Number.isFinite(ms) && ms > 0 ? ms : 0;
  const hours = Math.floor(safe / HOUR);
  const minutes = Math.floor((safe % HOUR) / MINUTE);
  if (hours === 0) return `${minutes}m`;
  return `${hours}h ${String(minutes).padStart(2, '0')}m`;
}

export type TimestampStyle = 't' | 'T' | 'd' | 'D' | 'f' | 'F' | 'R';

/** `<t:1700000000:f>`: Discord shows it in the reader's own time zone and language. */
export function discordTimestamp(epochMs: number, style: TimestampStyle = 'f'): string {
  return `<t:${Math.floor(epochMs / 1000)}:${style}>`;
}

/** `<t:…:f> (<t:…:R>)`: the full date and how long ago. */
export function whenWithRelative(epochMs: number): string {
  return `${discordTimestamp(epochMs, 'f')} (${discordTimestamp(epochMs, 'R')})`;
}

/** `12 h`, `1 h` */
export function formatHours(ms: number): string {
  const hours = ms / HOUR;
  return `${Number.isInteger(hours) ? hours : hours.toFixed(1)} h`;
}

/** `every 30 min`, `every 2 h`, `every 1 h 30 min`, or `off`. */
export function formatReminderInterval(ms: number | null): string {
  if (ms === null || ms <= 0) return 'off';
  const minutes = Math.round(ms / MINUTE);
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `every ${rest} min`;
  return rest === 0 ? `every ${hours} h` : `every ${hours} h ${rest} min`;
}
