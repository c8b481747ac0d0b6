/**
 * The one way a duration is written to a reader, in every service: `2h 05m`, `45m`, `<1m` (more than
 * nothing but under a minute), `0m`. Whole minutes, rounded down — a member is never shown more
 * time than was credited; hours are never folded into days, so totals compare at a glance. Pure.
 *
 * The `clock` style is what timesheet files carry: `8:05`, `0:45`, `0:00` (the same whole minutes,
 * rounded down, so 8:59:59 is `8:59`).
 */
export function formatDuration(ms: number, style: 'short' | 'clock' = 'short'): string {
  const safe = Number.isFinite(ms) && ms > 0 ? Math.floor(ms) : 0;
  const totalMinutes = Math.floor(safe / MINUTE_MS);
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  if (style === 'clock') return `${hours}:${String(minutes).padStart(2, '0')}`;
  if (safe > 0 && safe < MINUTE_MS) return '<1m';
  if (hours === 0) return `${minutes}m`;
  return `${hours}h ${String(minutes).padStart(2, '0')}m`;
}

const MINUTE_MS = 60_000;
