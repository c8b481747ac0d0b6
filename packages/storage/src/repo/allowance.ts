import type { ActiveSession } from '../model/types';

/**
 * Where a running session's allowance starts: its start, or the member's last confirmed activity
 * ("Still working") if later. A session may run the guild's maximum length past this instant before a
 * clock-out is cut to it; an unanswered "Still working?" closes the session exactly here.
 */
export function allowanceStart(active: Pick<ActiveSession, 'start' | 'lastActiveAt'>): number {
  return Math.max(active.start, active.lastActiveAt ?? active.start);
}
