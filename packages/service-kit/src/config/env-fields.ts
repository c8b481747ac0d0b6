import { hostname } from 'node:os';
import { z } from 'zod';

/** What a raw-string parser returns: the value, or what was expected (never echoing the input). */
export type FieldParse<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly expected: string };

const ok = <T>(value: T): FieldParse<T> => ({ ok: true, value });
const expected = <T>(what: string): FieldParse<T> => ({ ok: false, expected: what });

/** Wraps a pure raw-string parser as a zod field whose issue message says what was expected. */
export function envField<T>(parse: (raw: string) => FieldParse<T>) {
  return z.string().transform((raw, ctx): T => {
    const result = parse(raw.trim());
    if (result.ok) return result.value;
    ctx.addIssue({ code: 'custom', message: result.expected });
    return z.NEVER;
  });
}

export function parseUrl(raw: string, protocols: readonly string[], example: string): FieldParse<string> {
  const what = `a ${protocols.map((p) => `${p}//`).join(' or ')} URL, e.g. ${example}`;
  try {
    const url = new URL(raw);
    return protocols.includes(url.protocol) && url.hostname !== '' ? ok(raw) : expected(what);
  } catch {
    return expected(what);
  }
}

export function parsePort(raw: string): FieldParse<number> {
  const value = Number(raw);
  return /^\d+$/.test(raw) && value >= 1 && value <= 65535 ? ok(value) : expected('a TCP port, 1-65535');
}

export function parsePositiveInteger(raw: string): FieldParse<number> {
  const value = Number(raw);
  return /^\d+$/.test(raw) && value >= 1 && Number.isSafeInteger(value)
    ? ok(value)
    : expected('a whole number of at least 1');
}

export function parseNonNegativeInteger(raw: string): FieldParse<number> {
  const value = Number(raw);
  return /^\d+$/.test(raw) && Number.isSafeInteger(value)
    ? ok(value)
    : expected('a whole number of at least 0');
}

export function parseBoolean(raw: string): FieldParse<boolean> {
  const value = raw.toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(value)) return ok(true);
  if (['false', '0', 'no', 'off'].includes(value)) return ok(false);
  return expected('true or false');
}

export function parseSnowflake(raw: string): FieldParse<string> {
  return /^\d{17,20}$/.test(raw) ? ok(raw) : expected('a Discord snowflake (17-20 digits)');
}

export function parseHexKey(raw: string): FieldParse<string> {
  return /^[0-9a-fA-F]{64}$/.test(raw) ? ok(raw.toLowerCase()) : expected('64 hexadecimal characters');
}

export function parseToken(raw: string): FieldParse<string> {
  return /^\S+$/.test(raw) ? ok(raw) : expected('a non-empty token without spaces');
}

const SHARD_IDS_EXPECTED = 'shard ids as a list (0,1,2) or a range (0-3)';

/** `0,1,2` or `0-3` → sorted, distinct shard ids. */
export function parseShardIds(raw: string): FieldParse<number[]> {
  const range = /^(\d+)\s*-\s*(\d+)$/.exec(raw);
  if (range) {
    const first = Number(range[1]);
    const last = Number(range[2]);
    if (first > last || last > 65535) return expected(SHARD_IDS_EXPECTED);
    return ok(Array.from({ length: last - first + 1 }, (_, index) => first + index));
  }
  const parts = raw.split(',').map((part) => part.trim());
  if (parts.some((part) => !/^\d+$/.test(part) || Number(part) > 65535)) return expected(SHARD_IDS_EXPECTED);
  return ok([...new Set(parts.map(Number))].sort((a, b) => a - b));
}

export function parseLicensePublicKey(raw: string): FieldParse<string> {
  const pem = /^-----BEGIN PUBLIC KEY-----[\s\S]+-----END PUBLIC KEY-----$/.test(raw.replace(/\\n/g, '\n'));
  return pem || /^[0-9a-fA-F]{64}(\s*,\s*[0-9a-fA-F]{64})*$/.test(raw)
    ? ok(raw.replace(/\\n/g, '\n'))
    : expected(
        'Ed25519 public keys: PEM (BEGIN PUBLIC KEY) blocks, or 64 hexadecimal characters each, separated by commas',
      );
}

export const MIN_SECRET_LENGTH = 32;

export function parseSecret(raw: string): FieldParse<string> {
  return raw.length >= MIN_SECRET_LENGTH && !/\s/.test(raw)
    ? ok(raw)
    : expected(`a random secret of at least ${MIN_SECRET_LENGTH} characters without spaces`);
}

export function parseNonEmpty(raw: string): FieldParse<string> {
  return raw.length > 0 ? ok(raw) : expected('a non-empty value');
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export function parseLogLevel(raw: string): FieldParse<LogLevel> {
  const level = raw.toLowerCase();
  return (LOG_LEVELS as readonly string[]).includes(level)
    ? ok(level as LogLevel)
    : expected(`one of ${LOG_LEVELS.join(', ')}`);
}

export const DEFAULT_NATS_URL = 'nats://127.0.0.1:4222';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
export const DEFAULT_DISCORD_API_URL = 'https://discord.com/api';

/**
 * Reusable zod fields for every environment variable Timekeeper knows. Each parses the raw string and,
 * on failure, reports what it expected without repeating the value (some are secrets).
 */
export const envFields = {
  natsUrl: () =>
    envField((raw) => parseUrl(raw, ['nats:', 'tls:'], DEFAULT_NATS_URL)).default(DEFAULT_NATS_URL),
  redisUrl: () => envField((raw) => parseUrl(raw, ['redis:', 'rediss:'], DEFAULT_REDIS_URL)),
  httpPort: (defaultPort: number) => envField(parsePort).default(defaultPort),
  logLevel: () => envField(parseLogLevel).default('info'),
  instanceId: () => envField(parseNonEmpty).default(`${hostname()}-${process.pid}`),
  discordToken: () => envField(parseToken),
  discordApplicationId: () => envField(parseSnowflake),
  discordPublicKey: () => envField(parseHexKey),
  discordApiUrl: () =>
    envField((raw) => parseUrl(raw, ['https:', 'http:'], DEFAULT_DISCORD_API_URL)).default(
      DEFAULT_DISCORD_API_URL,
    ),
  discordShardCount: () => envField(parsePositiveInteger),
  discordShardIds: () => envField(parseShardIds),
  customIdSecret: () => envField(parseSecret),
  licenseFile: () => envField(parseNonEmpty),
  licensePublicKey: () => envField(parseLicensePublicKey),
};
