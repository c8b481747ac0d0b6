import { MAX_NOTICES, SYSTEM_ACTOR, contractEvents, type CompletedSession } from '../src';
import { actualAggregates, expectedAggregates, generationOf, sortMap } from './aggregates';
import { GUILD, applied, ctx, startStorage, stopStorage, user, type Harness } from './fixture';

const T0 = Date.UTC(2024, 4, 6, 8, 0, 0);
const H = 3_600_000;
const MAX = 12 * H;

let h: Harness;
const closed: CompletedSession[] = [];

beforeAll(async () => {
  h = await startStorage({ usageCounters: 'off' });
  applied(await h.storage.ensureDefaults(GUILD, ctx(T0)));
  applied(await h.storage.updateSettings(GUILD, { timeZone: 'Europe/Berlin', maxSessionMs: MAX }, ctx(T0)));
});
afterAll(() => stopStorage(h));

async function clockIn(u: string, at: number): Promise<string> {
  const r = applied(await h.storage.clockIn({ guildId: GUILD, userId: u, category: 'work' }, ctx(at, u)));
  if (!r.ok) throw new Error(r.code);
  return r.session.id;
}

describe('closeSessionAt', () => {
  it('auto: closes at the given instant, flagged auto-closed + needs-review, actor timekeeper, aggregates exact', async () => {
    const u = user(1);
    const id = await clockIn(u, T0);
    const out = applied(
      await h.storage.closeSessionAt(
        { guildId: GUILD, userId: u, sessionId: id, end: T0, how: 'auto' },
        { ...ctx(T0 + MAX + H), actor: SYSTEM_ACTOR, reason: 'no answer' },
      ),
    );
    if (!out.ok) throw new Error(out.code);
    expect(out.session).toMatchObject({
      end: T0,
      durationMs: 0,
      flags: { autoClosed: true, needsReview: true, forced: false },
    });
    closed.push(out.session);
    expect(contractEvents.clockOut(out, 'auto')).toMatchObject({
      actorId: null,
      cause: 'auto',
      durationMs: 0,
    });
    const log = await h.storage.auditLog(GUILD, 1);
    if (!log.ok) throw new Error('audit');
    expect(log.value[0]?.fields).toMatchObject({ type: 'clock.auto-closed', actor: 'timekeeper' });
    expect(JSON.parse(log.value[0]!.fields.after!)).toMatchObject({ flags: { needsReview: true } });
  });

  it('member: credits exactly up to the stated instant and refuses instants outside the session', async () => {
    const u = user(2);
    const id = await clockIn(u, T0);
    const ref = { guildId: GUILD, userId: u, sessionId: id, how: 'member' as const };
    const now = T0 + 10 * H;
    expect(applied(await h.storage.closeSessionAt({ ...ref, end: T0 - 1 }, ctx(now, u)))).toMatchObject({
      ok: false,
      code: 'CLOCK_BEFORE_START',
    });
    expect(applied(await h.storage.closeSessionAt({ ...ref, end: now + 1 }, ctx(now, u)))).toMatchObject({
      ok: false,
      code: 'END_IN_FUTURE',
    });
    const out = applied(await h.storage.closeSessionAt({ ...ref, end: T0 + 9.5 * H }, ctx(now, u)));
    if (!out.ok) throw new Error(out.code);
    expect(out.session).toMatchObject({
      durationMs: 9.5 * H,
      flags: { autoClosed: false, needsReview: false },
    });
    closed.push(out.session);
  });

  it('never touches a newer session: a late answer about an ended session is refused', async () => {
    const u = user(3);
    const first = await clockIn(u, T0);
    const out1 = applied(await h.storage.clockOut({ guildId: GUILD, userId: u }, ctx(T0 + H, u)));
    if (!out1.ok) throw new Error(out1.code);
    closed.push(out1.session);
    const second = await clockIn(u, T0 + 2 * H);
    const late = applied(
      await h.storage.closeSessionAt(
        { guildId: GUILD, userId: u, sessionId: first, end: T0 + 2.5 * H, how: 'member' },
        ctx(T0 + 3 * H, u),
      ),
    );
    expect(late).toMatchObject({ ok: false, code: 'SESSION_NOT_ACTIVE' });
    expect((await h.storage.activeSession(GUILD, u))?.id).toBe(second);
    const confirm = applied(
      await h.storage.confirmActivity({ guildId: GUILD, userId: u, sessionId: first }, ctx(T0 + 3 * H, u)),
    );
    expect(confirm).toMatchObject({ ok: false, code: 'SESSION_NOT_ACTIVE' });
    const out2 = applied(await h.storage.clockOut({ guildId: GUILD, userId: u }, ctx(T0 + 3 * H, u)));
    if (!out2.ok) throw new Error(out2.code);
    closed.push(out2.session);
  });

  it('a "Still working" confirmation restarts the allowance for a normal clock-out', async () => {
    const u = user(4);
    const id = await clockIn(u, T0);
    const confirmed = applied(
      await h.storage.confirmActivity(
        { guildId: GUILD, userId: u, sessionId: id },
        ctx(T0 + MAX + 10 * 60_000, u),
      ),
    );
    expect(confirmed).toMatchObject({ ok: true, session: { lastActiveAt: T0 + MAX + 10 * 60_000 } });
    // 14 h after the start, 2 h after confirming: credited in full, not cut to 12 h.
    const out = applied(await h.storage.clockOut({ guildId: GUILD, userId: u }, ctx(T0 + 14 * H, u)));
    if (!out.ok) throw new Error(out.code);
    expect(out).toMatchObject({ capped: false, session: { durationMs: 14 * H } });
    closed.push(out.session);
  });

  it('without a confirmation a long clock-out is still cut to the maximum', async () => {
    const u = user(5);
    await clockIn(u, T0);
    const out = applied(await h.storage.clockOut({ guildId: GUILD, userId: u }, ctx(T0 + 14 * H, u)));
    if (!out.ok) throw new Error(out.code);
    expect(out).toMatchObject({ capped: true, session: { durationMs: MAX, flags: { needsReview: true } } });
    closed.push(out.session);
  });

  it('a replayed event id changes nothing', async () => {
    const u = user(6);
    const id = await clockIn(u, T0);
    const c = { ...ctx(T0 + 2 * H, u) };
    const input = { guildId: GUILD, userId: u, sessionId: id, end: T0 + H, how: 'member' as const };
    const first = await h.storage.closeSessionAt(input, c);
    const again = await h.storage.closeSessionAt(input, c);
    expect(again).toMatchObject({ status: 'applied', replayed: true, outcome: { ok: true } });
    const out = applied(first);
    if (!out.ok) throw new Error(out.code);
    closed.push(out.session);
  });

  it('keeps every aggregate equal to a recomputation from the session records', async () => {
    const expected = expectedAggregates(
      GUILD,
      closed,
      'Europe/Berlin',
      'monday',
      await generationOf(h.storage, GUILD),
    );
    expect(sortMap(await actualAggregates(h.storage.redis, GUILD))).toEqual(sortMap(expected));
  });

  it('refuses the system actor for member writes and bad input', async () => {
    const ref = { guildId: GUILD, userId: user(7), sessionId: 'x', end: T0, how: 'member' as const };
    expect(applied(await h.storage.closeSessionAt(ref, { ...ctx(T0), actor: SYSTEM_ACTOR }))).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      field: 'actor',
    });
  });
});

describe('notices and preferences', () => {
  it('lists newest first, caps the list, and announces a quiet key once per window', async () => {
    const quiet = { key: 'role-forbidden:1', windowMs: 60_000 };
    const first = await h.storage.recordNotice(GUILD, { at: 1, kind: 'role-forbidden', message: 'a' }, quiet);
    const second = await h.storage.recordNotice(
      GUILD,
      { at: 2, kind: 'role-forbidden', message: 'b' },
      quiet,
    );
    expect([first.announce, second.announce]).toEqual([true, false]);
    expect((await h.storage.listNotices(GUILD, 2)).map((n) => n.message)).toEqual(['b', 'a']);
    for (let i = 0; i < MAX_NOTICES + 5; i++) {
      await h.storage.recordNotice(GUILD, { at: 10 + i, kind: 'role-failed', message: `n${i}` });
    }
    const all = await h.storage.listNotices(GUILD, 1000);
    expect(all).toHaveLength(MAX_NOTICES);
    expect(all[0]?.message).toBe(`n${MAX_NOTICES + 4}`);
    await expect(h.storage.recordNotice(GUILD, { at: 1, kind: 'role-failed', message: '' })).rejects.toThrow(
      RangeError,
    );
  });

  it('mutes and unmutes reminders per member', async () => {
    const u = user(8);
    expect(await h.storage.remindersMuted(GUILD, u)).toBe(false);
    await h.storage.setRemindersMuted(GUILD, u, true, T0);
    expect(await h.storage.remindersMuted(GUILD, u)).toBe(true);
    expect(await h.storage.remindersMuted(GUILD, user(9))).toBe(false);
    await h.storage.setRemindersMuted(GUILD, u, false, T0);
    expect(await h.storage.remindersMuted(GUILD, u)).toBe(false);
  });
});
