import { RedisServer } from '@timekeeper/testing';
import {
  AnsweredInteractions,
  GatewaySessionStore,
  IdentifyLog,
  IdentifyWaitAbortedError,
  InteractionRateLimits,
  RedisIdentifyLock,
  connectGatewayRedis,
  gatewayKeys,
  inOneWrite,
  type Redis,
} from '../../src/gateway';

let server: RedisServer;
let redis: Redis;

beforeAll(async () => {
  server = await RedisServer.start({ appendOnly: false });
  redis = await connectGatewayRedis(server.url);
});
afterAll(async () => {
  redis.disconnect();
  await server.destroy();
});
beforeEach(() => redis.flushall());

describe('gatewayKeys', () => {
  it.each([
    [gatewayKeys.session(3), 'tk:gateway:session:3'],
    [gatewayKeys.identifyBucket(16, 2), 'tk:gateway:identify:16:2'],
    [gatewayKeys.identifyLog(0), 'tk:gateway:identify-log:0'],
    [gatewayKeys.answered('1300000000000000001'), 'tk:gateway:answered:1300000000000000001'],
  ])('%s', (key, expected) => expect(key).toBe(expected));

  it('refuses parts that are not ids', () => {
    expect(() => gatewayKeys.session(-1)).toThrow(RangeError);
    expect(() => gatewayKeys.answered('1*')).toThrow(RangeError);
  });
});

describe('GatewaySessionStore', () => {
  const session = { sessionId: 'abc', sequence: 42, resumeURL: 'ws://x', shardId: 2, shardCount: 4 };

  it('round-trips a session, expires it, and deletes it', async () => {
    const store = new GatewaySessionStore(redis, { ttlMs: 60_000 });
    expect(await store.get(2)).toBeNull();
    await store.set(session);
    expect(await store.get(2)).toEqual(session);
    expect(await redis.pttl(gatewayKeys.session(2))).toBeGreaterThan(59_000);
    await store.delete(2);
    expect(await store.get(2)).toBeNull();
  });

  it('treats an unreadable or mismatched entry as no session', async () => {
    const store = new GatewaySessionStore(redis);
    await redis.set(gatewayKeys.session(1), 'not json');
    expect(await store.get(1)).toBeNull();
    await redis.set(gatewayKeys.session(1), JSON.stringify({ ...session, shardId: 2 }));
    expect(await store.get(1)).toBeNull();
  });
});

describe('RedisIdentifyLock', () => {
  it('spaces identifies of one bucket across lock instances and lets other buckets go at once', async () => {
    // Two locks stand for two gateway replicas sharing the same Redis.
    const a = new RedisIdentifyLock(redis, { spacingMs: 400 });
    const b = new RedisIdentifyLock(redis, { spacingMs: 400 });
    const signal = new AbortController().signal;
    const started = Date.now();
    await a.waitTurn(0, 2, signal); // bucket 0
    await b.waitTurn(1, 2, signal); // bucket 1: not delayed
    expect(Date.now() - started).toBeLessThan(200);
    await b.waitTurn(2, 2, signal); // bucket 0 again: waits out the spacing
    expect(Date.now() - started).toBeGreaterThanOrEqual(380);
  });

  it('gives up when aborted', async () => {
    const lock = new RedisIdentifyLock(redis, { spacingMs: 10_000 });
    await lock.waitTurn(0, 1, new AbortController().signal);
    const controller = new AbortController();
    const waiting = lock.waitTurn(0, 1, controller.signal);
    setTimeout(() => controller.abort(), 50);
    await expect(waiting).rejects.toBeInstanceOf(IdentifyWaitAbortedError);
  });
});

describe('IdentifyLog', () => {
  it('counts identifies of the given shards inside the window and forgets old ones', async () => {
    const log = new IdentifyLog(redis, 60_000);
    const now = Date.now();
    await log.record(0, now - 120_000); // beyond retention: removed by the next record
    await log.record(0, now - 30_000);
    await log.record(0, now - 1_000);
    await log.record(1, now - 1_000);
    await log.record(5, now);
    expect(await log.countSince([0, 1], now - 10_000)).toBe(2);
    expect(await log.countSince([0, 1], now - 60_000)).toBe(3);
    expect(await log.countSince([0], 0)).toBe(2);
    expect(await log.countSince([], 0)).toBe(0);
  });
});

describe('AnsweredInteractions', () => {
  it('remembers answered interactions with a TTL', async () => {
    const answered = new AnsweredInteractions(redis);
    expect(await answered.has('1300000000000000001')).toBe(false);
    await answered.mark('1300000000000000001');
    expect(await answered.has('1300000000000000001')).toBe(true);
    expect(await redis.pttl(gatewayKeys.answered('1300000000000000001'))).toBeGreaterThan(14 * 60 * 1000);
  });
});

describe('AnsweredInteractions.markSoon', () => {
  it('writes held markers after the delay, or at once on flush', async () => {
    const errors: unknown[] = [];
    const answered = new AnsweredInteractions(redis, { markDelayMs: 50, onError: (e) => errors.push(e) });
    answered.markSoon('1300000000000000001');
    answered.markSoon('1300000000000000002');
    expect(await answered.has('1300000000000000001')).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(await answered.has('1300000000000000001')).toBe(true);
    expect(await answered.has('1300000000000000002')).toBe(true);
    answered.markSoon('1300000000000000003');
    await answered.flush();
    expect(await answered.has('1300000000000000003')).toBe(true);
    expect(await redis.pttl(gatewayKeys.answered('1300000000000000003'))).toBeGreaterThan(14 * 60 * 1000);
    answered.markSoon('not-an-id');
    expect(errors).toHaveLength(1);
  });

  it('reports a failed write instead of throwing', async () => {
    const down = await connectGatewayRedis(server.url);
    down.disconnect();
    const errors: unknown[] = [];
    const answered = new AnsweredInteractions(down, { onError: (e) => errors.push(e) });
    answered.markSoon('1300000000000000001');
    await answered.flush();
    expect(errors).toHaveLength(1);
  });
});

describe('inOneWrite', () => {
  it('sends the commands issued inside in one write, and answers each', async () => {
    const socket = redis.stream;
    const writes = jest.spyOn(socket, '_write');
    const batched = jest.spyOn(socket, '_writev');
    try {
      const apart = await Promise.all([redis.set('a', '1'), redis.set('b', '2'), redis.get('a')]);
      expect(apart).toEqual(['OK', 'OK', '1']);
      expect(writes.mock.calls.length + batched.mock.calls.length).toBeGreaterThan(1);
      writes.mockClear();
      batched.mockClear();
      const together = await inOneWrite(redis, () =>
        Promise.all([redis.set('a', '3'), answeredMarker(), redis.get('a')]),
      );
      expect(together).toEqual(['OK', 'OK', '3']);
      expect(writes).not.toHaveBeenCalled();
      expect(batched).toHaveBeenCalledTimes(1);
      expect(batched.mock.calls[0]![0]).toHaveLength(3);
    } finally {
      writes.mockRestore();
      batched.mockRestore();
    }
  });

  it('uncorks when the callback throws', async () => {
    expect(() =>
      inOneWrite(redis, () => {
        void redis.set('a', '4');
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(redis.stream.writableCorked).toBe(0);
    expect(await redis.get('a')).toBe('4');
  });
});

const answeredMarker = (): Promise<string | null> =>
  redis.set(gatewayKeys.answered('1300000000000000009'), '1', 'PX', 1_000);

describe('InteractionRateLimits', () => {
  it('refuses the user after their points, with the time until the window resets', async () => {
    const limits = new InteractionRateLimits(redis, {
      user: { points: 3, durationSeconds: 10 },
      guild: { points: 100, durationSeconds: 10 },
    });
    const subject = { userId: '200000000000000001', guildId: '300000000000000001' };
    for (let i = 0; i < 3; i++) expect(await limits.consume(subject)).toEqual({ allowed: true });
    const refused = await limits.consume(subject);
    expect(refused).toMatchObject({ allowed: false, scope: 'user' });
    expect(refused.allowed === false && refused.retryAfterMs).toBeGreaterThan(8_000);
    // Another user of the same guild is still fine.
    expect(await limits.consume({ ...subject, userId: '200000000000000002' })).toEqual({ allowed: true });
  });

  it('refuses the whole guild once its allowance is used, and keeps families apart', async () => {
    const options = { user: { points: 100, durationSeconds: 10 }, guild: { points: 2, durationSeconds: 10 } };
    const limits = new InteractionRateLimits(redis, options);
    const other = new InteractionRateLimits(redis, { ...options, family: 'autocomplete' });
    const guildId = '300000000000000002';
    expect(await limits.consume({ userId: '200000000000000001', guildId })).toEqual({ allowed: true });
    expect(await limits.consume({ userId: '200000000000000002', guildId })).toEqual({ allowed: true });
    expect(await limits.consume({ userId: '200000000000000003', guildId })).toMatchObject({
      allowed: false,
      scope: 'guild',
    });
    expect(await other.consume({ userId: '200000000000000003', guildId })).toEqual({ allowed: true });
  });

  it("does not spend the guild's allowance on a user who is refused", async () => {
    const limits = new InteractionRateLimits(redis, {
      user: { points: 1, durationSeconds: 10 },
      guild: { points: 3, durationSeconds: 10 },
    });
    const guildId = '300000000000000003';
    const noisy = { userId: '200000000000000001', guildId };
    expect(await limits.consume(noisy)).toEqual({ allowed: true });
    for (let i = 0; i < 5; i++) expect(await limits.consume(noisy)).toMatchObject({ scope: 'user' });
    // The refund is not awaited by consume(); a round trip later it has landed.
    await redis.ping();
    expect(await redis.get(`${gatewayKeys.rateLimit(undefined, 'guild')}${guildId}`)).toBe('1');
    expect(await limits.consume({ userId: '200000000000000002', guildId })).toEqual({ allowed: true });
    expect(await limits.consume({ userId: '200000000000000003', guildId })).toEqual({ allowed: true });
    expect(await limits.consume({ userId: '200000000000000004', guildId })).toMatchObject({ scope: 'guild' });
  });

  it('keeps the counters where rate-limiter-flexible kept them, with the window as TTL', async () => {
    const limits = new InteractionRateLimits(redis, {
      user: { points: 5, durationSeconds: 10 },
      guild: { points: 5, durationSeconds: 10 },
      family: 'autocomplete',
    });
    await limits.consume({ userId: '200000000000000001', guildId: '300000000000000001' });
    const userKey = 'tk:gateway:rl:autocomplete:user:200000000000000001';
    const guildKey = 'tk:gateway:rl:autocomplete:guild:300000000000000001';
    expect(await redis.mget(userKey, guildKey)).toEqual(['1', '1']);
    expect(await redis.pttl(userKey)).toBeGreaterThan(9_000);
    expect(await redis.pttl(guildKey)).toBeLessThanOrEqual(10_000);
  });

  it('skips the guild scope for DMs and a disabled scope', async () => {
    const limits = new InteractionRateLimits(redis, {
      user: null,
      guild: { points: 1, durationSeconds: 10 },
    });
    for (let i = 0; i < 5; i++) {
      expect(await limits.consume({ userId: '200000000000000001', guildId: null })).toEqual({
        allowed: true,
      });
    }
  });

  it('throws when Redis is unreachable, so the caller can fail open', async () => {
    const down = await connectGatewayRedis(server.url);
    down.disconnect();
    const limits = new InteractionRateLimits(down, { user: { points: 1, durationSeconds: 10 }, guild: null });
    await expect(limits.consume({ userId: '200000000000000001', guildId: null })).rejects.toThrow();
  });
});
