/** Durations and numbers as members read them. */

/** `3 h 05 min`, `12 min`, `45 s` (seconds only under a minute). */
export function formatDuration(ms: number): string {
  const totalSeconds = Math.floor(Math.max(0, ms) / 1000);
  const h = Math.floor(totalSeconds / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  if (h > 0) return `${h} h ${String(m).padStart(2, '0')} min`;
  if (m > 0) return `${m} min`;
  return `${totalSeconds} s`;
}

export const hoursText = (ms: number): string => `${(ms / 3_600_000).toFixed(1)} h`;

export function signedPct(pct: number): string {
  return pct >= 0 ? `+${pct}%` : `−${Math.abs(pct)}%`;
}
