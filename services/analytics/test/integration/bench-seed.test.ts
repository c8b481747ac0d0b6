/**
 * The benchmark's fast loader leaves exactly the keys, indexes, rollups and boards that the same
 * clock-ins and clock-outs made one by one through storage leave (the audit trail aside).
 */
import { Storage, type GuildSettings } from '@timekeeper/storage';
import { RedisServer } from '@timekeeper/testing';
import { Registry } from 'prom-client';
import { memberSessions, seedServer, sessionCounts, type ServerShape } from '../../bench/seed';

jest.setTimeout(120_000);

const ADMIN = '900000000000000009';
const shape: ServerShape = {
  guildId: '100000000000000077',
  members: 5,
  sessions: 120,
  until: Date.parse('2026-03-30T12:00:00Z'),
  days: 70,
  seed: 11,
};

let now = shape.until - 80 * 86_400_000;
let event = 0;
const ctx = (at: number, actor = ADMIN) => ({ eventId: `e-${++event}`, now: at, actor });
const servers: RedisServer[] = [];
const stores: Storage[] = [];

async function open(): Promise<Storage> {
  const redis = await RedisServer.start({ appendOnly: false });
  servers.push(redis);
  const storage = await Storage.connect({
    redisUrl: redis.url,
    registry: new Registry(),
    usageCounters: 'off',
    now: () => now,
  });
  stores.push(storage);
  // A zone with DST and a Sunday week start: the period generation moves past 0.
  await storage.ensureDefaults(shape.guildId, ctx(now));
  await storage.updateSettings(
    shape.guildId,
    { timeZone: 'America/New_York', weekStart: 'sunday' },
    ctx(now),
  );
  const settings = await storage.getSettings(shape.guildId);
  if (!settings.ok) throw new Error('no settings');
  await storage.rebuildPeriods(shape.guildId, settings.value.periodGeneration);
  return storage;
}

/** Every key but the audit trail, with its type-aware content. */
async function dump(storage: Storage): Promise<Record<string, unknown>> {
  const r = storage.redis;
  const out: Record<string, unknown> = {};
  for (const key of (await r.keys('*')).sort()) {
    if (key.endsWith(':audit') || key.includes(':evt:')) continue;
    const type = await r.type(key);
    if (type === 'string') out[key] = await r.get(key);
    else if (type === 'hash') out[key] = await r.hgetall(key);
    else if (type === 'zset') out[key] = await r.zrange(key, '0', '-1', 'WITHSCORES');
    else if (type === 'set') out[key] = (await r.smembers(key)).sort();
    else out[key] = type;
  }
  return out;
}

afterAll(async () => {
  for (const s of stores) await s.close().catch(() => undefined);
  for (const r of servers) await r.destroy();
});

it('writes what clock-ins and clock-outs through storage write', async () => {
  const reference = await open();
  const loaded = await open();
  const settings = (await reference.getSettings(shape.guildId)) as { ok: true; value: GuildSettings };
  expect(settings.value.periodGeneration).toBeGreaterThan(0);
  const counts = sessionCounts(shape);
  expect(counts.reduce((a, b) => a + b, 0)).toBe(shape.sessions);
  let total = 0;
  for (let i = 0; i < shape.members; i++) {
    for (const s of memberSessions(shape, i, counts[i]!, settings.value)) {
      now = s.start;
      const inn = await reference.clockIn(
        { guildId: shape.guildId, userId: s.userId, category: s.category },
        ctx(now, s.userId),
      );
      expect(inn).toMatchObject({ status: 'applied', outcome: { ok: true } });
      now = s.end;
      const out = await reference.clockOut({ guildId: shape.guildId, userId: s.userId }, ctx(now, s.userId));
      expect(out).toMatchObject({ status: 'applied', outcome: { ok: true } });
      total++;
    }
  }
  // Storage mints session ids: the loader is given the same ones, in the same order.
  const ids = new Map<string, string>();
  for (let i = 0; i < shape.members; i++) {
    const index = 'tk:{' + shape.guildId + '}:user:';
    const userId = memberSessions(shape, i, counts[i]!, settings.value)[0]!.userId;
    const stored = await reference.redis.zrange(`${index}${userId}:sessions`, '0', '-1');
    memberSessions(shape, i, counts[i]!, settings.value).forEach((s, k) => ids.set(s.id, stored[k]!));
  }
  const written = await seedServer(loaded.redis, shape, settings.value, undefined, 2, (s) => ({
    ...s,
    id: ids.get(s.id)!,
  }));
  expect(written).toBe(total);
  const [a, b] = [await dump(reference), await dump(loaded)];
  expect(Object.keys(b)).toEqual(Object.keys(a));
  expect(b).toEqual(a);
  expect(Object.keys(a).length).toBeGreaterThan(100);
});
