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
import { registerFastCheck } from './codec';
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

// Every interaction crosses these two schemas twice (encode on one side, decode on the other), so their
// common shapes get a structural check that does what the schemas above do without zod's full parse and
// copy (see FastCheck in ./codec). Anything unusual (extra keys, the error reply) still goes through zod.

const SNOWFLAKE = /^\d{1,20}$/;
const REQUEST_KEYS = new Set(['v', 'interaction', 'shardId', 'receivedAt', 'deadline', 'mode']);
const RESPONSE_REPLY_KEYS = new Set(['v', 'kind', 'response']);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isSnowflake = (value: unknown): boolean => typeof value === 'string' && SNOWFLAKE.test(value);
const isOptionalSnowflake = (value: unknown): boolean => value === undefined || isSnowflake(value);
const isOptionalRecord = (value: unknown): boolean => value === undefined || isRecord(value);
const isPositiveInt = (value: unknown): boolean => Number.isSafeInteger(value) && (value as number) >= 1;
const isEpochMs = (value: unknown): value is number =>
  Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) <= 8.64e15;

function hasOnlyKeys(value: Record<string, unknown>, keys: ReadonlySet<string>): boolean {
  for (const key in value) if (!keys.has(key)) return false;
  return true;
}

function isInteractionPayload(value: unknown): boolean {
  return (
    isRecord(value) &&
    isSnowflake(value.id) &&
    isSnowflake(value.application_id) &&
    isPositiveInt(value.type) &&
    typeof value.token === 'string' &&
    value.token.length >= 1 &&
    isOptionalSnowflake(value.guild_id) &&
    isOptionalSnowflake(value.channel_id) &&
    isOptionalRecord(value.member) &&
    isOptionalRecord(value.user) &&
    isOptionalRecord(value.data)
  );
}

registerFastCheck(
  InteractionRequest,
  (value) =>
    isRecord(value) &&
    hasOnlyKeys(value, REQUEST_KEYS) &&
    value.v === 1 &&
    isInteractionPayload(value.interaction) &&
    (value.shardId === null || (Number.isSafeInteger(value.shardId) && (value.shardId as number) >= 0)) &&
    isEpochMs(value.receivedAt) &&
    isEpochMs(value.deadline) &&
    value.deadline >= value.receivedAt &&
    (value.mode === 'ws' || value.mode === 'http'),
);

registerFastCheck(
  InteractionReply,
  (value) =>
    isRecord(value) &&
    hasOnlyKeys(value, RESPONSE_REPLY_KEYS) &&
    value.v === 1 &&
    value.kind === 'response' &&
    isRecord(value.response) &&
    isPositiveInt(value.response.type) &&
    isOptionalRecord(value.response.data),
);
