import { InteractionReply, encode, subjects, type InteractionService } from '@timekeeper/contracts';
import type { ServiceContext } from '../service/definition';
import { respond } from './responses';

/**
 * For a service whose commands are registered but not built yet: every interaction gets an honest,
 * friendly "not available yet" answer instead of the gateway's "temporarily unavailable".
 */
export function answerNotBuiltYet(
  context: Pick<ServiceContext<unknown>, 'handle'>,
  service: InteractionService,
  message: string,
): void {
  const reply = encode(InteractionReply, { v: 1, kind: 'response', response: respond.ephemeral(message) });
  if (!reply.ok) throw new Error(`invalid "not built yet" reply: ${reply.error.message}`);
  context.handle(subjects.interaction(service), async () => reply.value, { endpointName: 'interaction' });
}
