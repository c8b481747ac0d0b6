/**
 * One NATS request to the service that owns an interaction, turned into a result that never rejects:
 * the dispatcher needs to tell "nobody listens" (answer at once) from "slow" (defer) from "broken".
 */
import {
  NoRespondersError,
  RequestError,
  TimeoutError,
  headers as natsHeaders,
  type NatsConnection,
} from '@nats-io/transport-node';
import {
  InteractionReply,
  InteractionRequest,
  NATS_HEADERS,
  SCHEMA_VERSION,
  decode,
  encode,
  subjects,
  type InteractionService,
} from '@timekeeper/contracts';

export type ServiceAnswer =
  | { readonly kind: 'reply'; readonly reply: InteractionReply }
  | { readonly kind: 'no_responder' }
  | { readonly kind: 'timeout' }
  /** The request could not be sent or the reply could not be read. */
  | { readonly kind: 'failed'; readonly problem: string };

export interface ServiceRequestInput {
  readonly service: InteractionService;
  readonly request: InteractionRequest;
  /** How long to wait for the (possibly late) answer. */
  readonly timeoutMs: number;
}

export async function requestService(nc: NatsConnection, input: ServiceRequestInput): Promise<ServiceAnswer> {
  const { request } = input;
  const body = encode(InteractionRequest, request);
  if (!body.ok) return { kind: 'failed', problem: `request failed validation: ${body.error.message}` };
  const headers = natsHeaders();
  headers.set(NATS_HEADERS.interactionId, request.interaction.id);
  if (request.shardId !== null) headers.set(NATS_HEADERS.shardId, String(request.shardId));
  headers.set(NATS_HEADERS.deadline, String(request.deadline));
  headers.set(NATS_HEADERS.schemaVersion, String(SCHEMA_VERSION));
  try {
    const msg = await nc.request(subjects.interaction(input.service), body.value, {
      timeout: input.timeoutMs,
      headers,
    });
    const serviceError = msg.headers?.get('Nats-Service-Error');
    if (serviceError) return { kind: 'failed', problem: `service error: ${serviceError}` };
    const reply = decode(InteractionReply, msg.data);
    return reply.ok
      ? { kind: 'reply', reply: reply.value }
      : { kind: 'failed', problem: `unreadable reply: ${reply.error.message}` };
  } catch (error) {
    return classify(error);
  }
}

function classify(error: unknown): ServiceAnswer {
  const cause = error instanceof Error ? error.cause : undefined;
  if (
    error instanceof NoRespondersError ||
    cause instanceof NoRespondersError ||
    (error instanceof RequestError && error.isNoResponders())
  ) {
    return { kind: 'no_responder' };
  }
  if (error instanceof TimeoutError || cause instanceof TimeoutError) return { kind: 'timeout' };
  return { kind: 'failed', problem: error instanceof Error ? error.message : String(error) };
}
