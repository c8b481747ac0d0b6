/** Durations and numbers as members read them. */

export { formatDuration } from '@timekeeper/contracts';

export const hoursText = (ms: number): string => `${(ms / 3_600_000).toFixed(1)} h`;

export function signedPct(pct: number): string {
  return pct >= 0 ? `+${pct}%` : `−${Math.abs(pct)}%`;
}
