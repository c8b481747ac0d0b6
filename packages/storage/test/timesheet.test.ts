import fc from 'fast-check';
import { keys, type CompletedSession } from '../src';
import { actualAggregates, expectedAggregates, generationOf, sortMap } from './aggregates';
import { ADMIN, applied, ctx, startStorage, stopStorage, user, type Harness } from './fixture';

jest.setTimeout(120_000);

const H = 3_600_000;
const DAY = 24 * H;
// Monday 2 December 2024, 00:00 UTC.
const MONDAY = Date.UTC(2024, 11, 2);
const LATER = MONDAY + 60 * DAY;

let h: Harness;
let guildSeq = 0;
beforeAll(async () => {
  h = await startStorage({ usageCounters: 'off' });
});
afterAll(() => stopStorage(h));

async function newGuild(): Promise<string> {
  const g = String(400000000000000000n + BigInt(++guildSeq));
  applied(await h.storage.ensureDefaults(g, ctx(MONDAY)));
  return g;
}

async function allSessions(g: string): Promise<CompletedSession[]> {
  const r = await h.storage.sessionsInRange(g, { from: 0, to: 8.64e15, limit: 5_000 });
  if (!r.ok) throw new Error('read failed');
  return r.value.sessions;
}

const add = (g: string, u: string, start: number, end: number, now = LATER) =>
  h.storage.addSession({ guildId: g, userId: u, category: 'work', start, end }, ctx(now, ADMIN, 'forgot'));

describe('timesheet corrections in storage', () => {
  it('adds a session with every aggregate, refuses overlaps naming the session, the future and over-long', async () => {
    const g = await newGuild();
    const u = user(1);
    const first = applied(await add(g, u, MONDAY + 9 * H, MONDAY + 17 * H));
    expect(first).toMatchObject({ ok: true, session: { durationMs: 8 * H, source: 'admin' } });
    const id = first.ok ? first.session.id : '';
    expect(applied(await add(g, u, MONDAY + 16 * H, MONDAY + 18 * H))).toMatchObject({
      ok: false,
      code: 'SESSION_OVERLAP',
      conflict: { id, start: MONDAY + 9 * H, end: MONDAY + 17 * H },
    });
    // Touching is not overlapping.
    expect(applied(await add(g, u, MONDAY + 17 * H, MONDAY + 18 * H))).toMatchObject({ ok: true });
    expect(applied(await add(g, u, MONDAY + 20 * H, MONDAY + 21 * H, MONDAY + 20 * H))).toMatchObject({
      code: 'END_IN_FUTURE',
    });
    expect(applied(await add(g, u, MONDAY + 2 * DAY, MONDAY + 2 * DAY + 13 * H))).toMatchObject({
      code: 'TOO_LONG',
    });
    // Another member may work the same hours.
    expect(applied(await add(g, user(2), MONDAY + 9 * H, MONDAY + 17 * H))).toMatchObject({ ok: true });
    const sessions = await allSessions(g);
    expect(sortMap(await actualAggregates(h.storage.redis, g))).toEqual(
      sortMap(expectedAggregates(g, sessions, 'UTC', 'monday')),
    );
  });

  it('an edit that would overlap, end in the future or exceed the maximum is refused and changes nothing', async () => {
    const g = await newGuild();
    const u = user(1);
    const a = applied(await add(g, u, MONDAY + 9 * H, MONDAY + 12 * H));
    const b = applied(await add(g, u, MONDAY + 13 * H, MONDAY + 17 * H));
    if (!a.ok || !b.ok) throw new Error('setup');
    const before = sortMap(await actualAggregates(h.storage.redis, g));
    expect(
      applied(await h.storage.editSession(g, a.session.id, { end: MONDAY + 14 * H }, ctx(LATER))),
    ).toMatchObject({ code: 'SESSION_OVERLAP', conflict: { id: b.session.id } });
    expect(
      applied(await h.storage.editSession(g, a.session.id, { end: LATER + H }, ctx(LATER))),
    ).toMatchObject({ code: 'END_IN_FUTURE' });
    expect(
      applied(await h.storage.editSession(g, b.session.id, { end: MONDAY + 13 * H + 13 * H }, ctx(LATER))),
    ).toMatchObject({ code: 'TOO_LONG' });
    expect(sortMap(await actualAggregates(h.storage.redis, g))).toEqual(before);
    // Moving it clear of the other one is fine.
    expect(
      applied(await h.storage.editSession(g, a.session.id, { end: MONDAY + 13 * H }, ctx(LATER))),
    ).toMatchObject({ ok: true, after: { durationMs: 4 * H } });
  });

  it('a locked week refuses corrections inside it until unlocked; clocking still lands; all audited', async () => {
    const g = await newGuild();
    const u = user(1);
    const s = applied(await add(g, u, MONDAY + 9 * H, MONDAY + 17 * H));
    if (!s.ok) throw new Error('setup');
    const lock = applied(
      await h.storage.lockPeriod(
        { guildId: g, scope: u, period: 'week', at: MONDAY + DAY },
        ctx(LATER, ADMIN, 'approved'),
      ),
    );
    expect(lock).toMatchObject({ ok: true, lock: { periodId: 'w2024-12-02', scope: u, by: ADMIN } });
    expect(
      applied(await h.storage.editSession(g, s.session.id, { end: MONDAY + 16 * H }, ctx(LATER))),
    ).toMatchObject({ code: 'PERIOD_LOCKED', lock: { periodId: 'w2024-12-02' } });
    expect(applied(await h.storage.deleteSession(g, s.session.id, ctx(LATER)))).toMatchObject({
      code: 'PERIOD_LOCKED',
    });
    expect(applied(await add(g, u, MONDAY + 2 * DAY, MONDAY + 2 * DAY + H))).toMatchObject({
      code: 'PERIOD_LOCKED',
    });
    // Clock events still land in a locked week.
    applied(await h.storage.clockIn({ guildId: g, userId: u, category: 'work' }, ctx(MONDAY + 3 * DAY, u)));
    expect(
      applied(await h.storage.clockOut({ guildId: g, userId: u }, ctx(MONDAY + 3 * DAY + H, u))),
    ).toMatchObject({ ok: true });
    // Moving a session from an open week into the locked one is refused too.
    const open = applied(await add(g, u, MONDAY + 8 * DAY, MONDAY + 8 * DAY + H));
    if (!open.ok) throw new Error('setup');
    expect(
      applied(
        await h.storage.editSession(
          g,
          open.session.id,
          { start: MONDAY + 4 * DAY, end: MONDAY + 4 * DAY + H },
          ctx(LATER),
        ),
      ),
    ).toMatchObject({ code: 'PERIOD_LOCKED' });
    // Another member's week is not locked; an everyone-lock of the month is.
    expect(applied(await add(g, user(2), MONDAY + 9 * H, MONDAY + 10 * H))).toMatchObject({ ok: true });
    expect(
      applied(
        await h.storage.unlockPeriod(
          { guildId: g, scope: u, period: 'week', at: MONDAY },
          ctx(LATER, ADMIN, 'mistake found'),
        ),
      ),
    ).toMatchObject({ ok: true });
    expect(applied(await h.storage.deleteSession(g, s.session.id, ctx(LATER, ADMIN, 'dup')))).toMatchObject({
      ok: true,
    });
    applied(await h.storage.lockPeriod({ guildId: g, scope: '*', period: 'month', at: MONDAY }, ctx(LATER)));
    expect(applied(await add(g, user(3), MONDAY + 9 * H, MONDAY + 10 * H))).toMatchObject({
      code: 'PERIOD_LOCKED',
      lock: { scope: '*', periodId: 'm2024-12' },
    });

    const trail = await h.storage.auditPage(g, { userId: u, limit: 50 });
    if (!trail.ok) throw new Error('read');
    const types = trail.value.items.map((i) => i.fields.type);
    expect(types.slice(0, 6)).toEqual([
      'session.deleted',
      'period.unlocked',
      'session.added',
      'clock.out',
      'clock.in',
      'period.locked',
    ]);
    expect(trail.value.items[0]!.fields).toMatchObject({ actor: ADMIN, reason: 'dup', userId: u });
    expect(trail.value.items.find((i) => i.fields.type === 'period.locked')?.fields.reason).toBe('approved');
    // Member 2's entries are not in member 1's trail; the server's trail has them all.
    expect(trail.value.items.every((i) => i.fields.userId === u)).toBe(true);
    const server = await h.storage.auditPage(g, { limit: 50 });
    expect(server.ok && server.value.items.some((i) => i.fields.userId === user(2))).toBe(true);
  });

  it('pages the audit trail newest first without gaps or repeats', async () => {
    const g = await newGuild();
    const u = user(1);
    for (let i = 0; i < 7; i++) applied(await add(g, u, MONDAY + i * DAY, MONDAY + i * DAY + H));
    const seen: string[] = [];
    let before: string | undefined;
    for (;;) {
      const page = await h.storage.auditPage(g, { userId: u, limit: 3, ...(before ? { before } : {}) });
      if (!page.ok) throw new Error('read');
      seen.push(...page.value.items.map((i) => JSON.parse(i.fields.after!).start as string));
      if (!page.value.next) break;
      before = page.value.next;
    }
    expect(seen).toEqual([6, 5, 4, 3, 2, 1, 0].map((i) => MONDAY + i * DAY));
    expect(await h.storage.auditPage(g, { before: 'bad', limit: 3 })).toMatchObject({
      code: 'INVALID_INPUT',
    });
  });

  it('the review queue holds capped sessions until they are corrected or deleted', async () => {
    const g = await newGuild();
    const [a, b] = [user(1), user(2)];
    for (const u of [a, b]) {
      applied(await h.storage.clockIn({ guildId: g, userId: u, category: 'work' }, ctx(MONDAY, u)));
      applied(await h.storage.clockOut({ guildId: g, userId: u }, ctx(MONDAY + 20 * H, u)));
    }
    const queue = await h.storage.reviewQueue(g);
    if (!queue.ok) throw new Error('read');
    expect(queue.value.total).toBe(2);
    expect(queue.value.sessions.every((s) => s.flags.needsReview && s.durationMs === 12 * H)).toBe(true);
    const [first, second] = queue.value.sessions;
    applied(await h.storage.editSession(g, first!.id, {}, ctx(LATER, ADMIN, 'accepted')));
    applied(await h.storage.deleteSession(g, second!.id, ctx(LATER, ADMIN, 'not worked')));
    expect(await h.storage.redis.zcard(keys.reviewQueue(g))).toBe(0);
  });
});

describe('totals after any sequence of corrections (property, real Redis)', () => {
  const opArb = fc.oneof(
    fc.record({
      kind: fc.constant('add' as const),
      user: fc.integer({ min: 1, max: 3 }),
      day: fc.integer({ min: 0, max: 40 }),
      hour: fc.integer({ min: 0, max: 23 }),
      minutes: fc.integer({ min: 1, max: 15 * 60 }),
    }),
    fc.record({
      kind: fc.constant('edit' as const),
      index: fc.nat(),
      shiftMin: fc.integer({ min: -600, max: 600 }),
      minutes: fc.integer({ min: 0, max: 15 * 60 }),
      category: fc.option(fc.constantFrom('work', 'break', 'meeting'), { nil: undefined }),
    }),
    fc.record({ kind: fc.constant('delete' as const), index: fc.nat() }),
    fc.record({
      kind: fc.constant('lock' as const),
      user: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
      day: fc.integer({ min: 0, max: 40 }),
      month: fc.boolean(),
      unlock: fc.boolean(),
    }),
  );

  it('equal a recomputation from the stored sessions; every refusal changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('UTC', 'Europe/Berlin', 'America/New_York'),
        fc.array(opArb, { minLength: 1, maxLength: 14 }),
        async (zone, ops) => {
          const g = await newGuild();
          applied(await h.storage.updateSettings(g, { timeZone: zone }, ctx(MONDAY)));
          for (const op of ops) {
            const snapshot = sortMap(await actualAggregates(h.storage.redis, g));
            let ok: boolean;
            if (op.kind === 'add') {
              const start = MONDAY + op.day * DAY + op.hour * H;
              ok = applied(await add(g, user(op.user), start, start + op.minutes * 60_000)).ok;
            } else if (op.kind === 'lock') {
              const input = {
                guildId: g,
                scope: op.user ? user(op.user) : '*',
                period: op.month ? ('month' as const) : ('week' as const),
                at: MONDAY + op.day * DAY,
              };
              ok = applied(
                op.unlock
                  ? await h.storage.unlockPeriod(input, ctx(LATER))
                  : await h.storage.lockPeriod(input, ctx(LATER)),
              ).ok;
            } else {
              const current = await allSessions(g);
              if (current.length === 0) continue;
              const target = current[op.index % current.length]!;
              if (op.kind === 'delete') {
                ok = applied(await h.storage.deleteSession(g, target.id, ctx(LATER))).ok;
              } else {
                const start = target.start + op.shiftMin * 60_000;
                ok = applied(
                  await h.storage.editSession(
                    g,
                    target.id,
                    {
                      start,
                      end: start + op.minutes * 60_000,
                      ...(op.category ? { category: op.category } : {}),
                    },
                    ctx(LATER),
                  ),
                ).ok;
              }
            }
            if (!ok) expect(sortMap(await actualAggregates(h.storage.redis, g))).toEqual(snapshot);
          }
          const sessions = await allSessions(g);
          // No member's sessions overlap.
          for (const a of sessions) {
            for (const b of sessions) {
              if (a.id !== b.id && a.userId === b.userId && a.durationMs > 0 && b.durationMs > 0) {
                expect(a.start < b.end && b.start < a.end).toBe(false);
              }
            }
          }
          expect(sortMap(await actualAggregates(h.storage.redis, g))).toEqual(
            sortMap(expectedAggregates(g, sessions, zone, 'monday', await generationOf(h.storage, g))),
          );
        },
      ),
      { numRuns: 30 },
    );
  });
});
