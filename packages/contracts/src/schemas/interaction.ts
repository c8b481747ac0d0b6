/**
 * Messages between the gateway and the interaction services over NATS request/reply on
 * `tk.v1.interaction.<service>`.
 *
 * The Discord payloads inside are validated loosely on purpose: we check the fields routing and
 * replying need and let every other field through untouched (`looseObject`), so a field Discord adds
 * tomorrow survives the hop. The static types are the full discord-api-types ones.
 */
import type { APIInteraction, APIInteractionResponse } from 'discord-api-types/v10';
import { z } from 'zod';
import { ERROR_CODES, type ErrorCode } from '../errors';
import { EpochMs, Snowflake } from './common';

/** NATS header names on interaction requests and replies (lower-case; values are strings). */
export const NATS_HEADERS = {
  /** The Discord interaction id, for logs and de-duplication. */
  interactionId: 'interaction-id',
  /** Shard that received the interaction; absent in HTTP mode. */
  shardId: 'shard-id',
  /** Epoch ms by which the reply must reach the gateway. */
  deadline: 'deadline',
  /** `SCHEMA_VERSION` of the body. */
  schemaVersion: 'schema-version',
  /** Correlates logs across services. */
  traceId: 'trace-id',
} as const;
export type NatsHeaderName = (typeof NATS_HEADERS)[keyof typeof NATS_HEADERS];

const LooseRecord = z.looseObject({});

const InteractionPayload = z.looseObject({
  id: Snowflake,
  application_id: Snowflake,
  type: z.number().int().min(1),
  token: z.string().min(1),
  guild_id: Snowflake.optional(),
  channel_id: Snowflake.optional(),
  member: LooseRecord.optional(),
  user: LooseRecord.optional(),
  data: LooseRecord.optional(),
});

export interface InteractionRequest {
  v: 1;
  /** The interaction exactly as Discord sent it. */
  interaction: APIInteraction;
  /** Shard that received it, or null in HTTP mode. */
  shardId: number | null;
  /** When the gateway received it (epoch ms). */
  receivedAt: number;
  /** When the reply must be back at the gateway (epoch ms); after that the gateway answers by itself. */
  deadline: number;
  /** How it arrived: gateway WebSocket, or the HTTP interactions endpoint. */
  mode: 'ws' | 'http';
}

const InteractionRequestShape = z
  .object({
    v: z.literal(1),
    interaction: InteractionPayload,
    shardId: z.number().int().nonnegative().nullable(),
    receivedAt: EpochMs,
    deadline: EpochMs,
    mode: z.enum(['ws', 'http']),
  })
  .refine((r) => r.deadline >= r.receivedAt, {
    message: 'deadline is before receivedAt',
    path: ['deadline'],
  });

/** Gateway → service. */
export const InteractionRequest = InteractionRequestShape as unknown as z.ZodType<
  InteractionRequest,
  InteractionRequest
>;

export interface InteractionReplyError {
  code: ErrorCode;
  /** Shown to the user as-is (ephemeral); use `ERROR_MESSAGES[code]` when nothing more specific applies. */
  message: string;
  /** Quoted to the user and logged by the service, so support can find the log lines. */
  referenceId: string;
}

export type InteractionReply =
  | { v: 1; kind: 'response'; response: APIInteractionResponse }
  | { v: 1; kind: 'error'; error: InteractionReplyError };

const InteractionReplyShape = z.discriminatedUnion('kind', [
  z.object({
    v: z.literal(1),
    kind: z.literal('response'),
    response: z.looseObject({ type: z.number().int().min(1), data: LooseRecord.optional() }),
  }),
  z.object({
    v: z.literal(1),
    kind: z.literal('error'),
    error: z.object({
      code: z.enum(ERROR_CODES as [ErrorCode, ...ErrorCode[]]),
      message: z.string().min(1).max(2000),
      referenceId: z.string().min(1).max(64),
    }),
  }),
]);

/** Service → gateway: the interaction response to deliver, or an error the gateway turns into a message. */
export const InteractionReply = InteractionReplyShape as unknown as z.ZodType<
  InteractionReply,
  InteractionReply
>;
