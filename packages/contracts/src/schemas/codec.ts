/**
 * Bytes ↔ validated messages. Both directions validate, so a service can neither send nor accept a
 * message that breaks its schema; both return a result instead of throwing.
 */
import { z } from 'zod';
import { SCHEMA_VERSION } from './common';

export type MessageCodecErrorCode = 'INVALID_JSON' | 'UNSUPPORTED_VERSION' | 'INVALID_MESSAGE';

export interface MessageCodecError {
  code: MessageCodecErrorCode;
  /** Readable, one line per problem, e.g. `✖ expected a Discord snowflake → at guildId`. */
  message: string;
  /** Zod's issues, when the schema rejected the value. */
  issues: readonly z.core.$ZodIssue[];
}

export type CodecResult<T> = { ok: true; value: T } | { ok: false; error: MessageCodecError };

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * A hand-written structural check for a hot schema. It must accept only values the schema accepts, and
 * only values the schema would return unchanged (no keys a plain object strips); it may refuse more:
 * whatever it refuses is parsed by zod, which then decides and words the error.
 */
export type FastCheck = (value: unknown) => boolean;

const fastChecks = new WeakMap<z.ZodType, FastCheck>();

/** Lets `encode` / `decode` skip zod's full parse for values `check` accepts (see FastCheck). */
export function registerFastCheck(schema: z.ZodType, check: FastCheck): void {
  fastChecks.set(schema, check);
}

/** Validates `value` against `schema` and serialises it as UTF-8 JSON. */
export function encode<S extends z.ZodType>(schema: S, value: z.output<S>): CodecResult<Uint8Array> {
  if (fastChecks.get(schema)?.(value)) return { ok: true, value: encoder.encode(JSON.stringify(value)) };
  const parsed = schema.safeParse(value);
  if (!parsed.success) return invalid(parsed.error);
  return { ok: true, value: encoder.encode(JSON.stringify(parsed.data)) };
}

/** Parses UTF-8 JSON (bytes or a string) and validates it against `schema`. */
export function decode<S extends z.ZodType>(schema: S, bytes: Uint8Array | string): CodecResult<z.output<S>> {
  let json: unknown;
  try {
    json = JSON.parse(typeof bytes === 'string' ? bytes : decoder.decode(bytes));
  } catch (err) {
    return {
      ok: false,
      error: { code: 'INVALID_JSON', message: `not UTF-8 JSON: ${(err as Error).message}`, issues: [] },
    };
  }
  if (json !== null && typeof json === 'object' && 'v' in json && json.v !== SCHEMA_VERSION) {
    return {
      ok: false,
      error: {
        code: 'UNSUPPORTED_VERSION',
        message: `schema version ${JSON.stringify(json.v)} is not supported (this build reads v${SCHEMA_VERSION})`,
        issues: [],
      },
    };
  }
  if (fastChecks.get(schema)?.(json)) return { ok: true, value: json as z.output<S> };
  const parsed = schema.safeParse(json);
  if (!parsed.success) return invalid(parsed.error);
  return { ok: true, value: parsed.data };
}

function invalid(error: z.ZodError): { ok: false; error: MessageCodecError } {
  return {
    ok: false,
    error: { code: 'INVALID_MESSAGE', message: z.prettifyError(error), issues: error.issues },
  };
}
