/** The limits on exports and the refusals that name them. Pure. */

/** Exports one server may start in EXPORT_RATE_WINDOW_MS. */
export const EXPORTS_PER_SERVER = 10;
export const EXPORT_RATE_WINDOW_MS = 10 * 60_000;
/** A member's export holds their slot at most this long (a job that never finishes frees it then). */
export const MEMBER_SLOT_MS = 20 * 60_000;

/** Start times still inside the window, oldest first. */
export function recentStarts(starts: readonly number[], now: number): number[] {
  return starts.filter((t) => t > now - EXPORT_RATE_WINDOW_MS).sort((a, b) => a - b);
}

/** When the server may start its next export, or null if it may now. */
export function serverRetryAt(starts: readonly number[], now: number): number | null {
  const recent = recentStarts(starts, now);
  if (recent.length < EXPORTS_PER_SERVER) return null;
  return recent[recent.length - EXPORTS_PER_SERVER]! + EXPORT_RATE_WINDOW_MS;
}

const at = (ms: number): string => `<t:${Math.ceil(ms / 1000)}:R>`;

export function memberBusyText(until: number): string {
  return `You already have an export on its way — one at a time per member. It will arrive here (or by DM); try another one when it has, or ${at(until)} at the latest.`;
}

export function serverBusyText(retryAt: number): string {
  return `This server has started ${EXPORTS_PER_SERVER} exports in the last ${EXPORT_RATE_WINDOW_MS / 60_000} minutes, the most it may. Try again ${at(retryAt)}.`;
}
