import type { FieldParse } from '@timekeeper/service-kit';

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

export function parseBoolean(raw: string): FieldParse<boolean> {
  const value = raw.toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(value)) return { ok: true, value: true };
  if (['false', '0', 'no', 'off'].includes(value)) return { ok: true, value: false };
  return { ok: false, expected: 'true or false' };
}

export function parseNonNegativeInteger(raw: string): FieldParse<number> {
  const value = Number(raw);
  return /^\d+$/.test(raw) && Number.isSafeInteger(value)
    ? { ok: true, value }
    : { ok: false, expected: 'a whole number of at least 0' };
}

/** Shards per worker thread: a whole number of at least 1, or `all` (one worker for every shard). */
export function parseShardsPerWorker(raw: string): FieldParse<number | 'all'> {
  if (raw.toLowerCase() === 'all') return { ok: true, value: 'all' };
  const value = Number(raw);
  return /^\d+$/.test(raw) && value >= 1 && Number.isSafeInteger(value)
    ? { ok: true, value }
    : { ok: false, expected: 'a whole number of at least 1, or all' };
}
