import { Redis } from 'ioredis';
import type { BatchOp } from '../reliability/batcher';
import type { CacheName, GuildCache } from '../reliability/cache';

/** An ioredis client that fails fast while disconnected, so the breaker and the journal take over. */
export async function createRedis(url: string, commandTimeoutMs: number): Promise<Redis> {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    // A command lost with the connection is journaled by the caller, not silently re-sent here.
    autoResendUnfulfilledCommands: false,
    commandTimeout: commandTimeoutMs,
    retryStrategy: (times) => Math.min(50 * times, 1_000),
    lazyConnect: true,
  });
  redis.on('error', () => undefined); // reported through command failures and the breaker
  await redis.connect();
  return redis;
}

/**
 * A few connections used in turn. With `appendfsync always` Redis fsyncs once per pass of its event
 * loop, sharing the fsync among every write read in that pass, and in one pass it reads at most 16 KB
 * from each connection (about four clock-outs): more connections put more writes under one fsync.
 */
export class RedisPool {
  private turn = 0;

  private constructor(readonly clients: readonly Redis[]) {}

  static async connect(url: string, size: number, commandTimeoutMs: number): Promise<RedisPool> {
    const clients: Redis[] = [];
    try {
      for (let i = 0; i < Math.max(1, size); i++) clients.push(await createRedis(url, commandTimeoutMs));
    } catch (error) {
      for (const client of clients) client.disconnect();
      throw error;
    }
    return new RedisPool(clients);
  }

  get primary(): Redis {
    return this.clients[0]!;
  }

  next(): Redis {
    this.turn = (this.turn + 1) % this.clients.length;
    return this.clients[this.turn]!;
  }

  disconnect(): void {
    for (const client of this.clients) client.disconnect();
  }
}

/** Read-through for one guild's cached snapshot; `fresh` skips the cache. */
export async function cached<T>(
  cache: GuildCache,
  guildId: string,
  name: CacheName,
  fresh: boolean,
  load: () => Promise<T>,
): Promise<T> {
  if (!fresh) {
    const hit = cache.get<T>(guildId, name);
    if (hit !== undefined) return hit;
  }
  const value = await load();
  cache.set(guildId, name, value);
  return value;
}

/** One batch as MULTI/EXEC: all or nothing. */
export async function execBatch(redis: Redis, ops: readonly BatchOp[]): Promise<void> {
  const multi = redis.multi();
  for (const op of ops) {
    if (op.cmd === 'hincrby') multi.hincrby(op.key, op.field, op.by);
    else if (op.cmd === 'incrby') multi.incrby(op.key, op.by);
    else if (op.cmd === 'hset') multi.hset(op.key, op.field, op.value);
    else multi.xadd(op.key, 'MAXLEN', '~', op.maxLen, '*', ...op.fields);
  }
  const results = await multi.exec();
  const failed = results?.find(([error]) => error);
  if (!results || failed) throw failed?.[0] ?? new Error('MULTI was discarded');
}
