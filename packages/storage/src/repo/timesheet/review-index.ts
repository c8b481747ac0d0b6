import { keys } from '../../model/keys';
import type { TxPlan } from '../../model/plan';
import type { CompletedSession } from '../../model/types';

/**
 * Keeps the review queue (sessions flagged needs-review: capped or auto-closed) in step with a session
 * this plan writes. Every write that sets or clears the flag calls it, so the queue is an index, never
 * a scan. A `created` session is not in the queue yet.
 */
export function indexForReview(
  plan: TxPlan,
  guildId: string,
  session: CompletedSession,
  created = false,
): void {
  if (session.flags.needsReview) plan.op(['zadd', keys.reviewQueue(guildId), session.start, session.id]);
  else if (!created) plan.op(['zrem', keys.reviewQueue(guildId), session.id]);
}
