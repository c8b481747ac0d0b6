import type { Redis } from 'ioredis';
import type { Registry } from 'prom-client';
import { gauge } from '../reliability/metrics';

/**
 * The Redis persistence an acknowledged write relies on: the append-only file, written and fsynced
 * before Redis answers (writes of one event-loop pass share the fsync). Every deployment file and the
 * test harness use it; `README.md` ("Durability") says what it costs.
 */
export const DURABLE_REDIS_CONFIG = { appendonly: 'yes', appendfsync: 'always' } as const;

/** Whether the server runs with that setting; `unknown` when it does not let us read its config. */
export type RedisDurability = 'durable' | 'not-durable' | 'unknown';

export async function readDurability(redis: Redis): Promise<RedisDurability> {
  try {
    const reply = (await redis.config('GET', 'append*')) as string[];
    const config = new Map<string, string>();
    for (let i = 0; i + 1 < reply.length; i += 2) config.set(reply[i]!, reply[i + 1]!);
    const durable = Object.entries(DURABLE_REDIS_CONFIG).every(([key, value]) => config.get(key) === value);
    return durable ? 'durable' : 'not-durable';
  } catch {
    return 'unknown'; // CONFIG renamed or disabled (managed services)
  }
}

const GAUGE_VALUE: Record<RedisDurability, number> = { durable: 1, 'not-durable': 0, unknown: -1 };

/** Reads the server's setting once and exports it as `timekeeper_storage_redis_durable`. */
export async function reportDurability(redis: Redis, registry: Registry): Promise<RedisDurability> {
  const durability = await readDurability(redis);
  gauge(
    registry,
    'redis_durable',
    'Redis fsyncs its append-only file before it answers (appendfsync always): 1 yes, 0 no, -1 unknown',
  ).set(GAUGE_VALUE[durability]);
  return durability;
}
