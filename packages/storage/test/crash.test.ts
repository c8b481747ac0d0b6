import { Redis } from 'ioredis';
import { Registry } from 'prom-client';
import { RedisServer } from '@timekeeper/testing';
import { keys, Storage } from '../src';

/**
 * Acknowledged means durable: Redis is killed (SIGKILL) the moment a write is acknowledged, while
 * other writes stream in, and restarted from its append-only file. Every write storage reported as
 * applied must still be there. The server runs with the harness's setting, the one every deployment
 * uses (`appendfsync always`); with `everysec` this test loses acknowledged writes.
 */
const G = '100000000000000042';
const ROUNDS = 25;
const MEMBERS = 24;

let redis: RedisServer;

beforeAll(async () => {
  redis = await RedisServer.start();
});
afterAll(async () => {
  await redis?.destroy();
});

/** Streams clock-ins and clock-outs until Redis dies; kills it right after an acknowledgement. */
async function round(r: number, killAfterMs: number): Promise<string[]> {
  const storage = await Storage.connect({
    redisUrl: redis.url,
    registry: new Registry(),
    usageCounters: 'off',
  });
  const acknowledged: string[] = [];
  let killed: Promise<void> | undefined;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: MEMBERS }, async (_, m) => {
      const userId = String(300 + r * MEMBERS + m); // new members each round
      for (let i = 0; !killed; i++) {
        const eventId = `r${r}-m${m}-${i}`;
        const ctx = { eventId, now: Date.UTC(2025, 0, 1) + r * 86_400_000 + i * 60_000, actor: userId };
        try {
          const result =
            i % 2 === 0
              ? await storage.clockIn({ guildId: G, userId, category: 'work' }, ctx)
              : await storage.clockOut({ guildId: G, userId }, ctx);
          if (result.status !== 'applied' || !result.outcome.ok) throw new Error(JSON.stringify(result));
          acknowledged.push(eventId);
          // SIGKILL goes out synchronously, before anything else runs: nothing more is flushed.
          if (!killed && Date.now() - started >= killAfterMs) killed = redis.kill();
        } catch (error) {
          if (!killed) throw error;
        }
      }
    }),
  );
  await killed;
  await storage.close().catch(() => undefined);
  return acknowledged;
}

describe('crash: Redis killed right after acknowledged writes', () => {
  it('keeps every acknowledged write, round after round', async () => {
    const setup = await Storage.connect({ redisUrl: redis.url, registry: new Registry() });
    await setup.ensureDefaults(G, { eventId: 'defaults', now: 0, actor: '1' });
    await setup.close();

    const lost: string[] = [];
    let total = 0;
    for (let r = 0; r < ROUNDS; r++) {
      // Kill times spread over more than a second, so some land during a background fsync (everysec).
      const acknowledged = await round(r, 50 + ((r * 397) % 1_300));
      await redis.start();
      const check = new Redis(redis.url);
      const stored = await check.mget(...acknowledged.map((id) => keys.processedEvent(G, id)));
      await check.quit();
      total += acknowledged.length;
      lost.push(...acknowledged.filter((_, i) => stored[i] === null));
    }
    expect(total).toBeGreaterThan(ROUNDS * MEMBERS);
    expect(lost).toEqual([]);
  }, 180_000);
});
