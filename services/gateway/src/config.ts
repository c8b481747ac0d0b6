import {
  ConfigError,
  envField,
  envFields,
  parseBoolean,
  parseNonNegativeInteger,
  parsePositiveInteger,
  parseSnowflake,
  type FieldParse,
  type ServiceConfig,
} from '@timekeeper/service-kit';
import { discordTarget, type DiscordTarget } from './license/target';

/** How interactions reach the gateway: the gateway WebSocket, the HTTP endpoint, or both. */
export const GATEWAY_MODES = ['ws', 'http', 'both'] as const;
export type GatewayMode = (typeof GATEWAY_MODES)[number];

export function parseGatewayMode(raw: string): FieldParse<GatewayMode> {
  const mode = raw.toLowerCase();
  return (GATEWAY_MODES as readonly string[]).includes(mode)
    ? { ok: true, value: mode as GatewayMode }
    : { ok: false, expected: `one of ${GATEWAY_MODES.join(', ')}` };
}

/** `<count>/<duration>` with s, m or h, e.g. 10/10s or 5/10m. */
export interface Rate {
  readonly points: number;
  readonly durationMs: number;
}

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000 } as const;
const RATE_EXPECTED = 'a rate like 10/10s (count / whole seconds, minutes or hours), or off';

/** Parses a rate; `off` (or 0/…) turns the limit off and gives null. */
export function parseRate(raw: string): FieldParse<Rate | null> {
  if (raw.toLowerCase() === 'off') return { ok: true, value: null };
  const match = /^(\d+)\s*\/\s*(\d+)\s*([smh])$/.exec(raw);
  if (!match) return { ok: false, expected: RATE_EXPECTED };
  const points = Number(match[1]);
  const durationMs = Number(match[2]) * UNIT_MS[match[3] as keyof typeof UNIT_MS];
  if (durationMs < 1_000 || !Number.isSafeInteger(points)) return { ok: false, expected: RATE_EXPECTED };
  return { ok: true, value: points === 0 ? null : { points, durationMs } };
}

/** Shards per worker thread: a whole number of at least 1, or `all` (one worker for every shard). */
export function parseShardsPerWorker(raw: string): FieldParse<number | 'all'> {
  if (raw.toLowerCase() === 'all') return { ok: true, value: 'all' };
  const value = Number(raw);
  return /^\d+$/.test(raw) && value >= 1 && Number.isSafeInteger(value)
    ? { ok: true, value }
    : { ok: false, expected: 'a whole number of at least 1, or all' };
}

export const DEFAULT_RATE_LIMIT_USER = '10/10s';
export const DEFAULT_RATE_LIMIT_GUILD = '100/10s';
export const DEFAULT_IDENTIFY_FLOOR = 50;
export const DEFAULT_IDENTIFY_LIMIT = '5/10m';
/** How long the last valid license verdict keeps the gateway serving while the sidecar is silent. */
export const DEFAULT_LICENSE_GRACE_PERIOD_SECONDS = 600;

/** A default written the way an operator would write it, parsed once here. */
function defaultOf<T>(parse: (raw: string) => FieldParse<T>, raw: string): T {
  const result = parse(raw);
  if (!result.ok) throw new Error(`bad built-in default ${raw}: expected ${result.expected}`);
  return result.value;
}

export const gatewayEnv = {
  REDIS_URL: envFields.redisUrl(),
  GATEWAY_MODE: envField(parseGatewayMode).default('ws'),
  DISCORD_TOKEN: envFields.discordToken().optional(),
  DISCORD_APPLICATION_ID: envFields.discordApplicationId().optional(),
  DISCORD_PUBLIC_KEY: envFields.discordPublicKey().optional(),
  DISCORD_API_URL: envFields.discordApiUrl(),
  DISCORD_SHARD_COUNT: envFields.discordShardCount().optional(),
  DISCORD_SHARD_IDS: envFields.discordShardIds().optional(),
  RATE_LIMIT_USER: envField(parseRate).default(defaultOf(parseRate, DEFAULT_RATE_LIMIT_USER)),
  RATE_LIMIT_GUILD: envField(parseRate).default(defaultOf(parseRate, DEFAULT_RATE_LIMIT_GUILD)),
  GATEWAY_IDENTIFY_FLOOR: envField(parseNonNegativeInteger).default(DEFAULT_IDENTIFY_FLOOR),
  GATEWAY_IDENTIFY_LIMIT: envField(parseRate).default(defaultOf(parseRate, DEFAULT_IDENTIFY_LIMIT)),
  GATEWAY_SHARDS_PER_WORKER: envField(parseShardsPerWorker).optional(),
  REGISTER_COMMANDS: envField(parseBoolean).default(false),
  DEV_GUILD_ID: envField(parseSnowflake).optional(),
  DISCORD_EMULATOR: envField(parseBoolean).default(false),
  LICENSE_GRACE_PERIOD: envField(parsePositiveInteger).default(DEFAULT_LICENSE_GRACE_PERIOD_SECONDS),
};

export type GatewayConfig = ServiceConfig<typeof gatewayEnv>;

/**
 * Cross-variable rules zod field shapes cannot express; thrown as a ConfigError (exit code 2). Returns
 * whether the gateway talks to the real Discord or the emulator.
 */
export function checkGatewayConfig(config: GatewayConfig): DiscordTarget {
  const problems: { variable: string; message: string }[] = [];
  const needsWs = config.GATEWAY_MODE !== 'http';
  const needsHttp = config.GATEWAY_MODE !== 'ws';
  if (needsWs && !config.DISCORD_TOKEN) {
    problems.push({
      variable: 'DISCORD_TOKEN',
      message: `DISCORD_TOKEN: required when GATEWAY_MODE is ${config.GATEWAY_MODE} (the gateway connects shards)`,
    });
  }
  if (needsHttp && !config.DISCORD_PUBLIC_KEY) {
    problems.push({
      variable: 'DISCORD_PUBLIC_KEY',
      message: `DISCORD_PUBLIC_KEY: required when GATEWAY_MODE is ${config.GATEWAY_MODE} (it verifies HTTP interactions)`,
    });
  }
  if (config.REGISTER_COMMANDS && (!config.DISCORD_TOKEN || !config.DISCORD_APPLICATION_ID)) {
    problems.push({
      variable: 'REGISTER_COMMANDS',
      message: 'REGISTER_COMMANDS: needs DISCORD_TOKEN and DISCORD_APPLICATION_ID',
    });
  }
  if (config.DISCORD_SHARD_IDS && config.DISCORD_SHARD_COUNT !== undefined) {
    const outside = config.DISCORD_SHARD_IDS.filter((id) => id >= (config.DISCORD_SHARD_COUNT ?? 0));
    if (outside.length > 0) {
      problems.push({
        variable: 'DISCORD_SHARD_IDS',
        message: `DISCORD_SHARD_IDS: shard ${outside.join(', ')} is not below DISCORD_SHARD_COUNT (${config.DISCORD_SHARD_COUNT})`,
      });
    }
  }
  const target = discordTarget(config.DISCORD_API_URL, config.DISCORD_EMULATOR);
  if (!target.ok) problems.push({ variable: 'DISCORD_EMULATOR', message: target.message });
  if (problems.length > 0 || !target.ok) throw new ConfigError(problems);
  return target.target;
}
