/** Durations and instants as users read them: durations in the one style (`2h 05m`), and Discord timestamps that render in each reader's zone. */
import { formatDuration } from '@timekeeper/contracts';

export type TimestampStyle = 't' | 'T' | 'd' | 'D' | 'f' | 'F' | 'R';

/** `<t:1700000000:f>`: Discord shows it in the reader's own time zone and language. */
export function discordTimestamp(epochMs: number, style: TimestampStyle = 'f'): string {
  return `<t:${Math.floor(epochMs / 1000)}:${style}>`;
}

/** `every 30m`, `every 2h 00m`, `every 1h 30m`, or `off`. */
export function formatReminderInterval(ms: number | null): string {
  if (ms === null || ms <= 0) return 'off';
  return `every ${formatDuration(ms)}`;
}
