import { Registry } from 'prom-client';
import { RedisServer } from '@timekeeper/testing';
import { Storage } from '../src';

const G = '100000000000000051';
const T0 = Date.UTC(2024, 4, 6, 8);

let redis: RedisServer;
let storage: Storage;

beforeAll(async () => {
  redis = await RedisServer.start({ appendOnly: false });
  storage = await Storage.connect({
    redisUrl: redis.url,
    registry: new Registry(),
    usageCounters: 'off',
    breaker: { timeoutMs: 500 },
  });
  await storage.ensureDefaults(G, { eventId: 'defaults', now: T0, actor: '1' });
  await storage.clockIn(
    { guildId: G, userId: '42', category: 'work' },
    { eventId: 'in', now: T0, actor: '42' },
  );
  await storage.clockOut({ guildId: G, userId: '42' }, { eventId: 'out', now: T0 + 60_000, actor: '42' });
});
afterAll(async () => {
  await redis.start(); // back on its port, so the client closes cleanly
  await storage.close();
  await redis.destroy();
});

describe('session pages read without the cache', () => {
  it('are read from Redis like any other, but not kept for answers while Redis is down', async () => {
    const cached = { from: 0, to: T0 + 1 };
    const uncached = { from: 1, to: T0 + 1 };
    const first = await storage.sessionsInRange(G, cached);
    expect(first).toMatchObject({ ok: true, value: { sessions: [{ userId: '42' }], hasMore: false } });
    expect(await storage.sessionsInRange(G, uncached, { cache: false })).toEqual(first);

    await redis.kill();
    // The cached read's page is still there, marked stale; the uncached read's page was never kept.
    expect(await storage.sessionsInRange(G, cached)).toMatchObject({ ok: true, stale: true });
    expect(await storage.sessionsInRange(G, uncached)).toMatchObject({ ok: false, code: 'UNAVAILABLE' });
  }, 30_000);
});
