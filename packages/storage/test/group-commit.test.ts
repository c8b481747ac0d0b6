import { Redis } from 'ioredis';
import { TxPlan, type Op } from '../src/model/plan';
import { GroupCommit, MalformedWriteError, type PlannedWrite } from '../src/redis/group-commit';
import { applyScript } from '../src/redis/scripts';
import { applied, ctx, GUILD as G, startStorage, stopStorage, user, type Harness } from './fixture';

/**
 * Group commit: concurrent writes of a server share one apply-script call (one round trip, one fsync),
 * and each caller still gets its own exact outcome.
 */

const T = Date.UTC(2025, 0, 6, 9);
let h: Harness;

beforeAll(async () => {
  h = await startStorage({ usageCounters: 'off' });
  applied(await h.storage.ensureDefaults(G, ctx(T - 3_600_000)));
});
afterAll(() => stopStorage(h));

async function scriptCalls(): Promise<number> {
  const info = await h.storage.redis.info('commandstats');
  return Number(/cmdstat_evalsha:calls=(\d+)/.exec(info)?.[1] ?? 0);
}

test('concurrent clock events share script calls, and each gets its own outcome', async () => {
  const members = Array.from({ length: 200 }, (_, i) => user(1000 + i));
  const before = await scriptCalls();
  const ins = await Promise.all(
    members.map((userId) => h.storage.clockIn({ guildId: G, userId, category: 'work' }, ctx(T, userId))),
  );
  // One member asks twice at once: the second is refused, with the first's session.
  const [again] = await Promise.all([
    h.storage.clockIn({ guildId: G, userId: members[0]!, category: 'work' }, ctx(T + 1, members[0])),
  ]);
  const outs = await Promise.all(
    members.map((userId, i) => h.storage.clockOut({ guildId: G, userId }, ctx(T + 60_000 * (i + 1), userId))),
  );
  const calls = (await scriptCalls()) - before;
  expect(calls).toBeLessThan(members.length); // 401 writes; far fewer calls
  ins.forEach((r, i) =>
    expect(applied(r)).toMatchObject({ ok: true, session: { userId: members[i], start: T } }),
  );
  expect(applied(again)).toMatchObject({ ok: false, code: 'ALREADY_CLOCKED_IN' });
  outs.forEach((r, i) =>
    expect(applied(r)).toMatchObject({
      ok: true,
      session: { userId: members[i], durationMs: 60_000 * (i + 1) },
    }),
  );
  const totals = await h.storage.redis.hget(`tk:{${G}}:totals`, '*');
  expect(Number(totals)).toBe((60_000 * members.length * (members.length + 1)) / 2);
});

test('the same event id twice in one batch is applied once and replayed once', async () => {
  const userId = user(1);
  const c = ctx(T + 86_400_000, userId);
  const [a, b] = await Promise.all([
    h.storage.clockIn({ guildId: G, userId, category: 'work' }, c),
    h.storage.clockIn({ guildId: G, userId, category: 'work' }, c),
  ]);
  // Which of the two reaches the batch first is up to the event loop; exactly one applies.
  const results = [a, b].sort(
    (x, y) => Number(x.status === 'applied' && x.replayed) - Number(y.status === 'applied' && y.replayed),
  );
  expect(results[0]).toMatchObject({ status: 'applied', replayed: false, outcome: { ok: true } });
  expect(results[1]).toMatchObject({ status: 'applied', replayed: true, outcome: { ok: true } });
  expect(await h.storage.redis.hlen(`tk:{${G}}:active`)).toBe(1);
});

describe('GroupCommit', () => {
  let raw: Redis;
  beforeAll(() => {
    raw = new Redis(h.redis.url);
  });
  afterAll(() => raw.disconnect());

  const write = (id: string, op: Op): PlannedWrite => ({
    eventKey: `tk:{${G}}:evt:gc-${id}`,
    outcome: JSON.stringify({ op: 'test', outcome: id }),
    ttlMs: 60_000,
    plan: new TxPlan().op(op),
  });

  test('a malformed write is refused on its own; the others of its batch apply', async () => {
    let calls = 0;
    const commits = new GroupCommit((keys, argv) => {
      calls++;
      return applyScript.run(raw, keys, argv);
    });
    const key = `tk:{${G}}:gc-test`;
    // A write whose encoding names an operation the script does not know (and would write otherwise).
    const bad: PlannedWrite = {
      ...write('bad', ['hset', key, 'b', 'x']),
      plan: new (class extends TxPlan {
        override encode(argv: string[], ref: (key: string) => string): void {
          super.encode(argv, ref);
          argv.push('nonsense', ref(key));
        }
      })().op(['hset', key, 'b', 'x']),
    };
    const results = await Promise.allSettled([
      commits.apply(G, write('a', ['hset', key, 'a', '1'])),
      commits.apply(G, bad),
      commits.apply(G, write('c', ['hset', key, 'c', '3'])),
    ]);
    expect(calls).toBe(1);
    expect(results[0]).toEqual({ status: 'fulfilled', value: ['ok', ''] });
    expect(results[1]).toMatchObject({ status: 'rejected', reason: expect.any(MalformedWriteError) });
    expect(results[2]).toEqual({ status: 'fulfilled', value: ['ok', ''] });
    expect(await raw.hgetall(key)).toEqual({ a: '1', c: '3' });
    expect(await raw.exists(bad.eventKey)).toBe(0);
  });

  test('a call that fails as a whole rejects every write of it with its error', async () => {
    const failure = new Error('Connection is closed.');
    const commits = new GroupCommit(() => Promise.reject(failure));
    const results = await Promise.allSettled(
      ['x', 'y'].map((id) => commits.apply(G, write(id, ['hset', `tk:{${G}}:gc-fail`, id, '1']))),
    );
    expect(results).toEqual([
      { status: 'rejected', reason: failure },
      { status: 'rejected', reason: failure },
    ]);
    expect(await raw.exists(`tk:{${G}}:gc-fail`)).toBe(0);
  });

  test('writes queued behind a call in flight leave together, in order', async () => {
    let calls = 0;
    const commits = new GroupCommit(
      (keys, argv) => {
        calls++;
        return applyScript.run(raw, keys, argv);
      },
      { maxInFlight: 1 },
    );
    const key = `tk:{${G}}:gc-order`;
    const first = commits.apply(G, write('o0', ['hset', key, 'last', '0']));
    await Promise.resolve();
    const rest = Array.from({ length: 20 }, (_, i) =>
      commits.apply(G, write(`o${i + 1}`, ['hset', key, 'last', String(i + 1)])),
    );
    await Promise.all([first, ...rest]);
    expect(calls).toBe(2);
    expect(await raw.hget(key, 'last')).toBe('20');
  });
});
