import fc from 'fast-check';
import { keys, WEEKDAYS } from '../src';
import { actualAggregates, expectedAggregates, generationOf, sortMap } from './aggregates';
import { ADMIN, applied, ctx, startStorage, stopStorage, user, type Harness } from './fixture';

const ZONES = ['UTC', 'America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe', 'Asia/Kolkata'];
const CATEGORIES = ['work', 'break', 'meeting'];
const H = 3_600_000;
// Around the 2024 DST changes of every zone above (March/April and October/November).
const BASES = [Date.UTC(2024, 2, 8), Date.UTC(2024, 2, 29), Date.UTC(2024, 9, 4), Date.UTC(2024, 9, 25)];

let h: Harness;
let guildSeq = 0;
beforeAll(async () => {
  h = await startStorage({ usageCounters: 'off' });
});
afterAll(() => stopStorage(h));

const sessionArb = fc.record({
  user: fc.integer({ min: 1, max: 4 }),
  category: fc.constantFrom(...CATEGORIES),
  gap: fc.integer({ min: 0, max: 30 * H }),
  duration: fc.integer({ min: 0, max: 16 * H }),
});
const changeArb = fc.oneof(
  fc.record({
    kind: fc.constant('edit' as const),
    index: fc.nat(),
    shift: fc.integer({ min: -20 * H, max: 20 * H }),
    duration: fc.integer({ min: 0, max: 30 * H }),
    category: fc.option(fc.constantFrom(...CATEGORIES), { nil: undefined }),
  }),
  fc.record({ kind: fc.constant('delete' as const), index: fc.nat() }),
);

describe('aggregate invariants (property, real Redis)', () => {
  it('rollups, totals, period leaderboards and the session index agree to the millisecond', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ZONES),
        fc.constantFrom(...WEEKDAYS),
        fc.constantFrom(...BASES),
        fc.array(sessionArb, { minLength: 1, maxLength: 14 }),
        fc.array(changeArb, { maxLength: 6 }),
        async (zone, weekStart, base, plan, changes) => {
          const g = String(300000000000000000n + BigInt(++guildSeq));
          const s = h.storage;
          applied(await s.ensureDefaults(g, ctx(base)));
          applied(await s.updateSettings(g, { timeZone: zone, weekStart }, ctx(base)));
          const clock = new Map<number, number>();
          for (const p of plan) {
            const start = (clock.get(p.user) ?? base) + p.gap;
            const u = user(p.user);
            expect(
              applied(await s.clockIn({ guildId: g, userId: u, category: p.category }, ctx(start, u))),
            ).toMatchObject({ ok: true });
            expect(
              applied(await s.clockOut({ guildId: g, userId: u }, ctx(start + p.duration, u))),
            ).toMatchObject({ ok: true });
            clock.set(p.user, start + p.duration);
          }
          const listAll = async () => {
            const r = await s.sessionsInRange(g, { from: 0, to: 8.64e15, limit: 5_000 });
            if (!r.ok) throw new Error('read failed');
            return r.value.sessions;
          };
          for (const c of changes) {
            const current = await listAll();
            if (current.length === 0) break;
            const target = current[c.index % current.length]!;
            if (c.kind === 'delete') {
              expect(applied(await s.deleteSession(g, target.id, ctx(base, ADMIN)))).toMatchObject({
                ok: true,
              });
            } else {
              const start = Math.max(0, target.start + c.shift);
              const changesArg = {
                start,
                end: start + c.duration,
                ...(c.category ? { category: c.category } : {}),
              };
              // An edit onto another of the member's sessions is refused (and changes nothing).
              const edited = applied(await s.editSession(g, target.id, changesArg, ctx(base, ADMIN)));
              expect(edited.ok || edited.code === 'SESSION_OVERLAP').toBe(true);
            }
          }
          const sessions = await listAll();
          // The index holds exactly the stored sessions, ordered by start, each one's pieces summing to its duration.
          expect(sessions.map((x) => x.start)).toEqual(
            [...sessions.map((x) => x.start)].sort((a, b) => a - b),
          );
          for (const x of sessions) expect(x.pieces.reduce((n, p) => n + p[3], 0)).toBe(x.durationMs);
          // A member's sessions never overlap, and the member's last end is their latest session's end.
          const ends = await h.storage.redis.hgetall(keys.lastEnds(g));
          for (const uid of new Set(plan.map((p) => user(p.user)))) {
            const mine = sessions.filter((x) => x.userId === uid);
            for (let i = 1; i < mine.length; i++)
              expect(mine[i]!.start).toBeGreaterThanOrEqual(mine[i - 1]!.end);
            expect(ends[uid]).toBe(mine.length ? String(mine[mine.length - 1]!.end) : undefined);
          }
          for (const uid of new Set(sessions.map((x) => x.userId))) {
            const mine = await s.sessionsInRange(g, { userId: uid, from: 0, to: 8.64e15 });
            expect(mine.ok && mine.value.sessions.map((x) => x.id).sort()).toEqual(
              sessions
                .filter((x) => x.userId === uid)
                .map((x) => x.id)
                .sort(),
            );
          }
          expect(sortMap(await actualAggregates(h.storage.redis, g))).toEqual(
            sortMap(expectedAggregates(g, sessions, zone, weekStart, await generationOf(s, g))),
          );
        },
      ),
      { numRuns: 40 },
    );
    // 40 runs against real Redis take ~4 s on an idle machine; give a busy one room.
  }, 60_000);
});
