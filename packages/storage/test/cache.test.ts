import { connect, type NatsConnection } from '@nats-io/transport-node';
import { Registry } from 'prom-client';
import { NatsServer, RedisServer } from '@timekeeper/testing';
import { Storage } from '../src';

/** A time inside the window storage accepts (2015 to a day past the server clock). */
const T0 = Date.UTC(2024, 4, 6, 8);

const G = '100000000000000088';
let redis: RedisServer;
let nats: NatsServer;
const conns: NatsConnection[] = [];
const replicas: Storage[] = [];

beforeAll(async () => {
  [redis, nats] = await Promise.all([RedisServer.start({ appendOnly: false }), NatsServer.start()]);
  for (let i = 0; i < 2; i++) {
    const nc = await connect({ servers: nats.url });
    conns.push(nc);
    replicas.push(
      await Storage.connect({
        redisUrl: redis.url,
        registry: new Registry(),
        nats: nc,
        cache: { ttlMs: 600_000 },
      }),
    );
  }
});
afterAll(async () => {
  for (const r of replicas) await r.close();
  for (const nc of conns) await nc.close();
  await Promise.all([redis.destroy(), nats.destroy()]);
});

const until = async (check: () => Promise<boolean>): Promise<void> => {
  for (let i = 0; i < 100 && !(await check()); i++) await new Promise((r) => setTimeout(r, 20));
};

describe('cache across replicas', () => {
  it('a change on one replica invalidates the other one’s cached settings and categories', async () => {
    const [a, b] = replicas as [Storage, Storage];
    await a.ensureDefaults(G, { eventId: 'd', now: T0 + 1, actor: '1' });
    // b caches both (ten-minute TTL, so only an invalidation can refresh them).
    expect(await b.getSettings(G)).toMatchObject({ ok: true, value: { timeZone: 'UTC' } });
    expect(await b.listCategories(G)).toMatchObject({ ok: true, value: { length: 3 } });
    await a.updateSettings(G, { timeZone: 'Asia/Kolkata' }, { eventId: 's', now: T0 + 2, actor: '1' });
    await a.createCategory(G, { name: 'Support' }, { eventId: 'c', now: T0 + 3, actor: '1' });
    await until(async () => {
      const s = await b.getSettings(G);
      const c = await b.listCategories(G);
      return s.ok && s.value.timeZone === 'Asia/Kolkata' && c.ok && c.value.length === 4;
    });
    expect(await b.getSettings(G)).toMatchObject({
      ok: true,
      stale: false,
      value: { timeZone: 'Asia/Kolkata' },
    });
    expect(await b.listCategories(G)).toMatchObject({ ok: true, value: { length: 4 } });
  });

  it('a clock-in on a replica with stale categories still sees the truth (guarded write)', async () => {
    const [a, b] = replicas as [Storage, Storage];
    await b.listCategories(G); // cache on b
    await a.archiveCategory(G, 'support', { eventId: 'arch', now: T0 + 4, actor: '1' });
    // Even before any invalidation arrives, the script's guard refuses an archived category.
    const r = await b.clockIn(
      { guildId: G, userId: '42', category: 'support' },
      { eventId: 'ci', now: T0 + 5, actor: '42' },
    );
    expect(r).toMatchObject({ status: 'applied', outcome: { ok: false, code: 'CATEGORY_ARCHIVED' } });
  });
});
