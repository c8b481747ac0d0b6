import { Registry } from 'prom-client';
import { keys, Storage, type CompletedSession } from '../src';
import { startServers, stopServers, type Servers } from './fixture';
import { actualAggregates, expectedAggregates, generationOf, sortMap } from './aggregates';

/** A time inside the window storage accepts (2015 to a day past the server clock). */
const T0 = Date.UTC(2024, 4, 6, 8);

const G = '100000000000000077';
const USERS = 50;
const EVENTS_PER_USER = 100; // 5,000 clock events in all
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let servers: Servers;
let storage: Storage | undefined;

beforeAll(async () => {
  servers = await startServers(); // AOF on, fsync always
});
afterAll(() => stopServers(servers, storage), 30_000);

describe('chaos: Redis killed while clock events stream in', () => {
  it('applies every accepted event exactly once and keeps the aggregates consistent', async () => {
    const { redis, nc } = servers;
    storage = await Storage.connect({
      redisUrl: redis.url,
      registry: new Registry(),
      nats: nc,
      breaker: { resetTimeoutMs: 300, timeoutMs: 1_000, volumeThreshold: 5 },
      recoveryIntervalMs: 100,
    });
    const s = storage;
    await s.ensureDefaults(G, { eventId: 'defaults', now: T0, actor: '1' });
    const base = Date.UTC(2024, 2, 30, 20); // crosses midnight and the Berlin DST change
    await s.updateSettings(G, { timeZone: 'Europe/Berlin' }, { eventId: 'tz', now: T0, actor: '1' });

    const accepted: { eventId: string; op: 'in' | 'out'; status: string }[] = [];
    const refused: unknown[] = [];
    let sent = 0;
    const stream = Array.from({ length: USERS }, async (_, u) => {
      const userId = String(700 + u);
      for (let i = 0; i < EVENTS_PER_USER; i++) {
        const op = i % 2 === 0 ? 'in' : 'out';
        const eventId = `u${u}-${i}`;
        // Each event is 7 min + a per-user offset after the last, so durations differ by user.
        const now = base + i * (7 * 60_000 + u * 1_000);
        try {
          const r =
            op === 'in'
              ? await s.clockIn(
                  { guildId: G, userId, category: u % 2 ? 'work' : 'meeting' },
                  { eventId, now, actor: userId },
                )
              : await s.clockOut({ guildId: G, userId }, { eventId, now, actor: userId });
          accepted.push({ eventId, op, status: r.status });
        } catch (error) {
          refused.push(error);
        }
        sent++;
        await sleep(40);
      }
    });

    while (sent < 1_000) await sleep(10);
    await redis.kill();
    await sleep(300);
    // While Redis is down, reads come from the cache, marked stale.
    expect(await s.getSettings(G)).toMatchObject({
      ok: true,
      stale: true,
      value: { timeZone: 'Europe/Berlin' },
    });
    await sleep(2_500);
    expect(s.mode).toBe('journal');
    await redis.start();
    await Promise.all(stream);

    for (let i = 0; i < 600 && (s.mode !== 'direct' || (await s.journalPending()) > 0); i++) await sleep(100);
    expect(s.mode).toBe('direct');
    expect(refused).toEqual([]);
    expect(accepted).toHaveLength(USERS * EVENTS_PER_USER);
    expect(accepted.filter((a) => a.status === 'journaled').length).toBeGreaterThan(100);

    // Exactly once: every event id has its outcome, each succeeded, and there is one session per pair.
    const r = s.redis;
    const outcomes = await r.mget(...accepted.map((a) => keys.processedEvent(G, a.eventId)));
    const parsed = outcomes.map((o) => (o ? (JSON.parse(o) as { outcome: { ok: boolean } }).outcome : null));
    expect(parsed.filter((o) => o?.ok !== true)).toEqual([]);
    const range = await s.sessionsInRange(G, { from: 0, to: 8.64e15, limit: 5_000 });
    if (!range.ok) throw new Error('read failed');
    const sessions: CompletedSession[] = range.value.sessions;
    expect(sessions).toHaveLength((USERS * EVENTS_PER_USER) / 2);
    for (let u = 0; u < USERS; u++) {
      const mine = sessions.filter((x) => x.userId === String(700 + u));
      expect(mine).toHaveLength(EVENTS_PER_USER / 2);
      for (const x of mine) expect(x.durationMs).toBe(7 * 60_000 + u * 1_000);
    }
    expect(await r.hlen(keys.activeSessions(G))).toBe(0);
    expect(sortMap(await actualAggregates(r, G))).toEqual(
      sortMap(expectedAggregates(G, sessions, 'Europe/Berlin', 'monday', await generationOf(s, G))),
    );
  }, 90_000);
});
