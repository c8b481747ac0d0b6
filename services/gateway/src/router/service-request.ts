/**
 * One NATS request to the service that owns an interaction, turned into a result that never rejects:
 * the dispatcher needs to tell "nobody listens" (answer at once) from "slow" (defer) from "broken".
 */
import { headers as natsHeaders } from '@nats-io/transport-node';
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
import type { RequestMux } from './request-mux';

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

export async function requestService(mux: RequestMux, input: ServiceRequestInput): Promise<ServiceAnswer> {
  const { request } = input;
  const body = encode(InteractionRequest, request);
  if (!body.ok) return { kind: 'failed', problem: `request failed validation: ${body.error.message}` };
  // `append`, not `set`: the headers are new, and the client's `set` first searches for the key to replace.
  const headers = natsHeaders();
  headers.append(NATS_HEADERS.interactionId, request.interaction.id);
  if (request.shardId !== null) headers.append(NATS_HEADERS.shardId, String(request.shardId));
  headers.append(NATS_HEADERS.deadline, String(request.deadline));
  headers.append(NATS_HEADERS.schemaVersion, String(SCHEMA_VERSION));
  const answer = await mux.request(subjects.interaction(input.service), body.value, headers, input.timeoutMs);
  if (answer.kind !== 'reply') return answer;
  const serviceError = answer.headers?.get('Nats-Service-Error');
  if (serviceError) return { kind: 'failed', problem: `service error: ${serviceError}` };
  const reply = decode(InteractionReply, answer.data);
  return reply.ok
    ? { kind: 'reply', reply: reply.value }
    : { kind: 'failed', problem: `unreadable reply: ${reply.error.message}` };
}
