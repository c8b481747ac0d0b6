import {
  ErrorCode,
  InteractionReply,
  InteractionRequest,
  decode,
  encode,
  errorMessage,
  subjects,
  type InteractionService,
} from '@timekeeper/contracts';
import type { ServiceContext } from '../service/definition';
import type { InteractionRouter } from './router';

/**
 * Answers `tk.v1.interaction.<service>` requests from the gateway with the router's replies. A request
 * that cannot be read still gets a reply (an error with a reference id), so the gateway never waits
 * for a timeout because of a bad message.
 */
export function serveInteractions(
  context: Pick<ServiceContext<unknown>, 'handle' | 'logger'>,
  service: InteractionService,
  router: InteractionRouter,
): void {
  context.handle(
    subjects.interaction(service),
    async (msg) => {
      const request = decode(InteractionRequest, msg.data);
      const reply: InteractionReply = request.ok
        ? await router.dispatch(request.value)
        : failure(context.logger, ErrorCode.INVALID_INPUT, request.error.message);
      const bytes = encode(InteractionReply, reply);
      if (bytes.ok) return bytes.value;
      context.logger.error({ problem: bytes.error.message }, 'interaction reply failed validation');
      const fallback = encode(
        InteractionReply,
        failure(context.logger, ErrorCode.INTERNAL, 'reply failed validation'),
      );
      return fallback.ok ? fallback.value : '';
    },
    { endpointName: 'interaction' },
  );
}

/** An unreadable request is the sender's invalid input; a reply that breaks its schema is our failure. */
function failure(
  logger: Pick<ServiceContext<unknown>, 'logger'>['logger'],
  code: typeof ErrorCode.INVALID_INPUT | typeof ErrorCode.INTERNAL,
  problem: string,
): InteractionReply {
  const referenceId = Math.random().toString(16).slice(2, 10);
  logger.warn(
    { referenceId, problem },
    code === ErrorCode.INTERNAL ? 'interaction reply failed' : 'unreadable interaction request',
  );
  return { v: 1, kind: 'error', error: { code, message: errorMessage(code), referenceId } };
}
