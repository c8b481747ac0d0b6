import { keys, TOTAL_FIELD } from '../src';
import {
  ADMIN,
  GUILD,
  applied,
  ctx,
  eventId,
  startStorage,
  stopStorage,
  user,
  type Harness,
} from './fixture';

const T0 = Date.UTC(2024, 4, 6, 8, 0, 0); // Monday 08:00 UTC
const H = 3_600_000;

let h: Harness;
beforeAll(async () => {
  h = await startStorage({ usageCounters: 'off' });
  applied(await h.storage.ensureDefaults(GUILD, ctx(T0)));
});
afterAll(() => stopStorage(h));

describe('clockIn / clockOut', () => {
  it('credits a session to totals, rollups, leaderboards and the index', async () => {
    const u = user(1);
    const inn = applied(await h.storage.clockIn({ guildId: GUILD, userId: u, category: 'WORK' }, ctx(T0, u)));
    expect(inn).toMatchObject({ ok: true, session: { category: 'work', start: T0 } });
    const out = applied(await h.storage.clockOut({ guildId: GUILD, userId: u }, ctx(T0 + 2 * H, u)));
    if (!out.ok) throw new Error(out.code);
    expect(out.session.durationMs).toBe(2 * H);
    expect(out.event).toMatchObject({ type: 'clock.out', guildId: GUILD, userId: u, durationMs: 2 * H });
    const summary = await h.storage.userSummary(GUILD, u, T0 + 3 * H);
    expect(summary).toMatchObject({
      ok: true,
      value: { todayMs: 2 * H, weekMs: 2 * H, monthMs: 2 * H, allTimeMs: 2 * H, active: null },
    });
    const range = await h.storage.sessionsInRange(GUILD, { userId: u, from: T0, to: T0 + 1 });
    expect(range.ok && range.value.sessions.map((s) => s.id)).toEqual([out.session.id]);
    const audit = await h.storage.auditLog(GUILD, 2);
    expect(audit.ok && audit.value.map((a) => a.fields.type)).toEqual(['clock.out', 'clock.in']);
  });

  it('rejects unknown and archived categories and bad input with typed results', async () => {
    const u = user(2);
    const unknown = applied(
      await h.storage.clockIn({ guildId: GUILD, userId: u, category: 'golf' }, ctx(T0, u)),
    );
    expect(unknown).toMatchObject({ ok: false, code: 'CATEGORY_NOT_FOUND' });
    const bad = applied(
      await h.storage.clockIn({ guildId: 'nope', userId: u, category: 'work' }, ctx(T0, u)),
    );
    expect(bad).toMatchObject({ ok: false, code: 'INVALID_INPUT', field: 'guildId' });
    applied(await h.storage.createCategory(GUILD, { name: 'Old Stuff' }, ctx(T0)));
    applied(await h.storage.archiveCategory(GUILD, 'old stuff', ctx(T0)));
    const archived = applied(
      await h.storage.clockIn({ guildId: GUILD, userId: u, category: 'Old  stuff' }, ctx(T0, u)),
    );
    expect(archived).toMatchObject({ ok: false, code: 'CATEGORY_ARCHIVED' });
    expect(applied(await h.storage.clockOut({ guildId: GUILD, userId: u }, ctx(T0, u)))).toMatchObject({
      ok: false,
      code: 'NOT_CLOCKED_IN',
    });
  });

  it('100 concurrent clock-ins make exactly one session; 100 clock-outs credit it once', async () => {
    const u = user(3);
    const ins = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        h.storage.clockIn(
          { guildId: GUILD, userId: u, category: i % 2 ? 'work' : 'meeting' },
          ctx(T0 + i, u),
        ),
      ),
    );
    const okIns = ins.map(applied).filter((o) => o.ok);
    expect(okIns).toHaveLength(1);
    expect(ins.map(applied).filter((o) => !o.ok && o.code === 'ALREADY_CLOCKED_IN')).toHaveLength(99);
    const active = await h.storage.activeSessions(GUILD);
    expect(active.ok && active.value.filter((s) => s.userId === u)).toHaveLength(1);

    const outs = await Promise.all(
      Array.from({ length: 100 }, () => h.storage.clockOut({ guildId: GUILD, userId: u }, ctx(T0 + H, u))),
    );
    const okOuts = outs.map(applied).filter((o) => o.ok);
    expect(okOuts).toHaveLength(1);
    const started = okIns[0]!.ok ? okIns[0]!.session.start : 0;
    const totals = await h.storage.redis.hget(keys.userTotals(GUILD, u), TOTAL_FIELD);
    expect(Number(totals)).toBe(T0 + H - started);
    const board = await h.storage.redis.zscore(keys.leaderboard(GUILD, 'all', TOTAL_FIELD), u);
    expect(Number(board)).toBe(T0 + H - started);
  });

  it('a replayed event id returns the original outcome and changes nothing', async () => {
    const u = user(4);
    const inCtx = ctx(T0, u);
    const first = await h.storage.clockIn({ guildId: GUILD, userId: u, category: 'work' }, inCtx);
    const outCtx = ctx(T0 + H, u);
    const out = await h.storage.clockOut({ guildId: GUILD, userId: u }, outCtx);
    const before = await h.storage.redis.hgetall(keys.userTotals(GUILD, u));
    const auditBefore = await h.storage.redis.xlen(keys.audit(GUILD));
    // Replaying the clock-in after the clock-out must not open a new session.
    const again = await h.storage.clockIn({ guildId: GUILD, userId: u, category: 'work' }, inCtx);
    const outAgain = await h.storage.clockOut({ guildId: GUILD, userId: u }, { ...outCtx, now: T0 + 5 * H });
    expect(again).toEqual({ ...first, replayed: true });
    expect(outAgain).toEqual({ ...out, replayed: true });
    expect(await h.storage.redis.hget(keys.activeSessions(GUILD), u)).toBeNull();
    expect(await h.storage.redis.hgetall(keys.userTotals(GUILD, u))).toEqual(before);
    expect(await h.storage.redis.xlen(keys.audit(GUILD))).toBe(auditBefore);
    // The same id for another operation is refused, not applied.
    const conflict = applied(await h.storage.clockOut({ guildId: GUILD, userId: u }, inCtx));
    expect(conflict).toMatchObject({ ok: false, code: 'EVENT_ID_CONFLICT' });
  });

  it('caps a session at the maximum length and flags it for review', async () => {
    const u = user(5);
    await h.storage.clockIn({ guildId: GUILD, userId: u, category: 'work' }, ctx(T0, u));
    const out = applied(await h.storage.clockOut({ guildId: GUILD, userId: u }, ctx(T0 + 30 * H, u)));
    expect(out).toMatchObject({
      ok: true,
      capped: true,
      session: { durationMs: 12 * H, flags: { needsReview: true } },
    });
  });

  it('force clock-out keeps actor and reason', async () => {
    const u = user(6);
    await h.storage.clockIn({ guildId: GUILD, userId: u, category: 'work' }, ctx(T0, u));
    const out = applied(
      await h.storage.forceClockOut({ guildId: GUILD, userId: u }, ctx(T0 + H, ADMIN, 'left for the day')),
    );
    expect(out).toMatchObject({
      ok: true,
      event: { type: 'clock.forced', actor: ADMIN, reason: 'left for the day' },
      session: { closedBy: ADMIN, reason: 'left for the day', flags: { forced: true } },
    });
    const audit = await h.storage.auditLog(GUILD, 1);
    expect(audit.ok && audit.value[0]!.fields).toMatchObject({
      type: 'clock.forced',
      actor: ADMIN,
      reason: 'left for the day',
    });
  });

  it('switches category atomically and refuses a switch to the same category', async () => {
    const u = user(7);
    await h.storage.clockIn({ guildId: GUILD, userId: u, category: 'work' }, ctx(T0, u));
    const same = applied(
      await h.storage.switchCategory({ guildId: GUILD, userId: u, category: 'Work' }, ctx(T0 + H, u)),
    );
    expect(same).toMatchObject({ ok: false, code: 'SAME_CATEGORY' });
    const missing = applied(
      await h.storage.switchCategory({ guildId: GUILD, userId: u, category: 'golf' }, ctx(T0 + H, u)),
    );
    expect(missing).toMatchObject({ ok: false, code: 'CATEGORY_NOT_FOUND' });
    // A refused switch leaves the running session alone.
    const stillActive = await h.storage.userSummary(GUILD, u, T0 + H);
    expect(stillActive.ok && stillActive.value.active?.category).toBe('work');
    const sw = applied(
      await h.storage.switchCategory({ guildId: GUILD, userId: u, category: 'meeting' }, ctx(T0 + H, u)),
    );
    expect(sw).toMatchObject({
      ok: true,
      closed: { category: 'work', durationMs: H },
      opened: { category: 'meeting', start: T0 + H },
    });
  });

  it('edits and deletes move every aggregate by the exact difference', async () => {
    const u = user(8);
    await h.storage.clockIn({ guildId: GUILD, userId: u, category: 'work' }, ctx(T0, u));
    const out = applied(await h.storage.clockOut({ guildId: GUILD, userId: u }, ctx(T0 + 2 * H, u)));
    if (!out.ok) throw new Error(out.code);
    const edit = applied(
      await h.storage.editSession(
        GUILD,
        out.session.id,
        { end: T0 + 3 * H, category: 'meeting' },
        ctx(T0 + 4 * H, ADMIN, 'forgot'),
      ),
    );
    expect(edit).toMatchObject({
      ok: true,
      event: { deltaMs: H },
      after: { durationMs: 3 * H, flags: { edited: true } },
    });
    expect(await h.storage.redis.hgetall(keys.userTotals(GUILD, u))).toEqual({
      [TOTAL_FIELD]: String(3 * H),
      meeting: String(3 * H),
    });
    expect(await h.storage.redis.zscore(keys.leaderboard(GUILD, 'all', 'work'), u)).toBeNull();
    const bad = applied(await h.storage.editSession(GUILD, out.session.id, { end: T0 - 1 }, ctx(T0 + 4 * H)));
    expect(bad).toMatchObject({ ok: false, code: 'END_BEFORE_START' });
    const del = applied(await h.storage.deleteSession(GUILD, out.session.id, ctx(T0 + 5 * H)));
    expect(del).toMatchObject({ ok: true, event: { deltaMs: -3 * H } });
    expect(await h.storage.redis.hgetall(keys.userTotals(GUILD, u))).toEqual({});
    expect(await h.storage.redis.hgetall(keys.userDaily(GUILD, u))).toEqual({});
    const gone = applied(await h.storage.deleteSession(GUILD, out.session.id, ctx(T0 + 5 * H)));
    expect(gone).toMatchObject({ ok: false, code: 'SESSION_NOT_FOUND' });
  });

  it('lists active sessions longest first', async () => {
    const g = '100000000000000002';
    applied(await h.storage.ensureDefaults(g, ctx(T0)));
    await h.storage.clockIn({ guildId: g, userId: user(11), category: 'work' }, ctx(T0 + 5_000, user(11)));
    await h.storage.clockIn({ guildId: g, userId: user(12), category: 'work' }, ctx(T0, user(12)));
    await h.storage.clockIn({ guildId: g, userId: user(13), category: 'break' }, ctx(T0 + 1_000, user(13)));
    const active = await h.storage.activeSessions(g);
    expect(active.ok && active.value.map((s) => s.userId)).toEqual([user(12), user(13), user(11)]);
  });

  it('uses the event id only once per guild even under concurrency', async () => {
    const u = user(9);
    const id = eventId('dup');
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        h.storage.clockIn(
          { guildId: GUILD, userId: u, category: 'work' },
          { eventId: id, now: T0, actor: u },
        ),
      ),
    );
    expect(results.filter((r) => r.status === 'applied' && !r.replayed)).toHaveLength(1);
    const ids = new Set(
      results.map((r) => (r.status === 'applied' && r.outcome.ok ? r.outcome.session.id : 'x')),
    );
    expect(ids.size).toBe(1);
  });
});
