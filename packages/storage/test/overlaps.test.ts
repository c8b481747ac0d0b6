import { Registry } from 'prom-client';
import { keys, Storage } from '../src';
import { ADMIN, applied, ctx, GUILD, startStorage, stopStorage, user, type Harness } from './fixture';

/** Time only moves forward for a member: sessions never overlap (clock-ins are clipped, edits refused). */

const H = 3_600_000;
const T = Date.UTC(2026, 0, 5, 10); // a Monday, 10:00 UTC
let h: Harness;
let other: Storage;
let guildSeq = 0;
let g = GUILD;

beforeAll(async () => {
  h = await startStorage({ usageCounters: 'off' });
  // A second replica on the same Redis: it never saw this process's clock-outs (no hints).
  other = await Storage.connect({ redisUrl: h.redis.url, registry: new Registry(), usageCounters: 'off' });
});
afterAll(async () => {
  await other.close();
  await stopStorage(h);
});
beforeEach(async () => {
  g = String(400000000000000000n + BigInt(++guildSeq));
  applied(await h.storage.ensureDefaults(g, ctx(T)));
});

const U = user(1);

async function session(s: Storage, start: number, end: number, u = U) {
  const opened = applied(await s.clockIn({ guildId: g, userId: u, category: 'work' }, ctx(start, u)));
  if (!opened.ok) throw new Error(opened.code);
  const closed = applied(await s.clockOut({ guildId: g, userId: u }, ctx(end, u)));
  if (!closed.ok) throw new Error(closed.code);
  return closed.session;
}

async function credited(u = U): Promise<number> {
  return Number((await h.storage.redis.hget(keys.userTotals(g, u), '*')) ?? 0);
}

/** Every key of the guild with its content, to show a refusal changed nothing (but record its outcome). */
async function dump(): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  const all = await h.storage.redis.keys(`tk:{${g}}:*`);
  for (const key of all.filter((k) => !k.includes(':evt:')).sort()) {
    out[key] = await h.storage.redis.dump(key);
  }
  return out;
}

describe('a clock-in before the last clock-out', () => {
  it.each([
    ['the same replica', () => h.storage],
    ['another replica', () => other],
  ])('is clipped to the last clock-out on %s: 10–12 and 11–13 credit 3 h, not 4', async (_name, second) => {
    await session(h.storage, T, T + 2 * H);
    const opened = applied(
      await second().clockIn({ guildId: g, userId: U, category: 'work' }, ctx(T + H, U)),
    );
    expect(opened).toMatchObject({ ok: true, clippedFrom: T + H, session: { start: T + 2 * H } });
    const closed = applied(await second().clockOut({ guildId: g, userId: U }, ctx(T + 3 * H, U)));
    expect(closed).toMatchObject({ ok: true, session: { start: T + 2 * H, end: T + 3 * H, durationMs: H } });
    expect(await credited()).toBe(3 * H);
  });

  it('is not clipped when it is after the last clock-out, and other members are independent', async () => {
    await session(h.storage, T, T + 2 * H);
    const opened = applied(
      await h.storage.clockIn({ guildId: g, userId: user(2), category: 'work' }, ctx(T + H, user(2))),
    );
    expect(opened).toMatchObject({ ok: true, session: { start: T + H } });
    expect(opened).not.toHaveProperty('clippedFrom');
    const later = applied(
      await other.clockIn({ guildId: g, userId: U, category: 'work' }, ctx(T + 5 * H, U)),
    );
    expect(later).toMatchObject({ ok: true, session: { start: T + 5 * H } });
    expect(later).not.toHaveProperty('clippedFrom');
  });

  it('is clipped after a switch and after a close at a named time', async () => {
    applied(await h.storage.clockIn({ guildId: g, userId: U, category: 'work' }, ctx(T, U)));
    applied(await h.storage.switchCategory({ guildId: g, userId: U, category: 'meeting' }, ctx(T + H, U)));
    const active = await h.storage.activeSession(g, U);
    const closed = applied(
      await other.closeSessionAt(
        { guildId: g, userId: U, sessionId: active!.id, end: T + 2 * H, how: 'member' },
        ctx(T + 4 * H, U),
      ),
    );
    expect(closed.ok).toBe(true);
    const opened = applied(
      await h.storage.clockIn({ guildId: g, userId: U, category: 'work' }, ctx(T + H, U)),
    );
    expect(opened).toMatchObject({ ok: true, clippedFrom: T + H, session: { start: T + 2 * H } });
  });
});

describe('an edit that would overlap', () => {
  it('is refused with the previous session named, and changes nothing', async () => {
    const first = await session(h.storage, T, T + 2 * H);
    const second = await session(h.storage, T + 3 * H, T + 4 * H);
    const before = await dump();
    const r = applied(await h.storage.editSession(g, second.id, { start: T + H }, ctx(T + 5 * H)));
    expect(r).toMatchObject({
      ok: false,
      code: 'SESSION_OVERLAP',
      conflict: { id: first.id, start: T, end: T + 2 * H },
    });
    expect(!r.ok && r.message).toContain(first.id);
    expect(await dump()).toEqual(before);
  });

  it('is refused with the next session named', async () => {
    const first = await session(h.storage, T, T + 2 * H);
    const second = await session(h.storage, T + 3 * H, T + 4 * H);
    const r = applied(await h.storage.editSession(g, first.id, { end: T + 3.5 * H }, ctx(T + 5 * H)));
    expect(r).toMatchObject({ code: 'SESSION_OVERLAP', conflict: { id: second.id, start: T + 3 * H } });
  });

  it('is refused when it would reach into the running session', async () => {
    const first = await session(h.storage, T, T + 2 * H);
    const running = applied(
      await h.storage.clockIn({ guildId: g, userId: U, category: 'work' }, ctx(T + 3 * H, U)),
    );
    if (!running.ok) throw new Error(running.code);
    const r = applied(await h.storage.editSession(g, first.id, { end: T + 4 * H }, ctx(T + 5 * H)));
    expect(r).toMatchObject({
      code: 'SESSION_OVERLAP',
      conflict: { id: running.session.id, start: T + 3 * H, end: null },
    });
  });

  it("is refused when it would cover a whole other session, but another member's session is no conflict", async () => {
    await session(h.storage, T, T + H, user(2));
    const first = await session(h.storage, T, T + H);
    const inner = await session(h.storage, T + 2 * H, T + 3 * H);
    const third = await session(h.storage, T + 5 * H, T + 6 * H);
    const r = applied(
      await h.storage.editSession(g, third.id, { start: T + H, end: T + 6 * H }, ctx(T + 7 * H)),
    );
    expect(r).toMatchObject({ code: 'SESSION_OVERLAP', conflict: { id: inner.id } });
    const ok = applied(
      await h.storage.editSession(g, first.id, { start: T + 0.5 * H }, ctx(T + 7 * H, ADMIN)),
    );
    expect(ok.ok).toBe(true);
  });
});

describe("the member's last end follows corrections", () => {
  it('an edit that ends the latest session earlier lets a clock-in start from the new end', async () => {
    const s = await session(h.storage, T, T + 4 * H);
    applied(await h.storage.editSession(g, s.id, { end: T + 2 * H }, ctx(T + 5 * H)));
    const opened = applied(
      await other.clockIn({ guildId: g, userId: U, category: 'work' }, ctx(T + 3 * H, U)),
    );
    expect(opened).toMatchObject({ ok: true, session: { start: T + 3 * H } });
    expect(opened).not.toHaveProperty('clippedFrom');
  });

  it('deleting the latest session makes the one before it the last end', async () => {
    await session(h.storage, T, T + H);
    const latest = await session(h.storage, T + 2 * H, T + 4 * H);
    applied(await h.storage.deleteSession(g, latest.id, ctx(T + 5 * H)));
    expect(await h.storage.redis.hget(keys.lastEnds(g), U)).toBe(String(T + H));
    const opened = applied(
      await h.storage.clockIn({ guildId: g, userId: U, category: 'work' }, ctx(T + 0.5 * H, U)),
    );
    expect(opened).toMatchObject({ ok: true, clippedFrom: T + 0.5 * H, session: { start: T + H } });
  });
});

describe('concurrent corrections', () => {
  /** The member's sessions by start, as stored. */
  async function stored(): Promise<{ id: string; start: number; end: number }[]> {
    const ids = await h.storage.redis.zrange(keys.userSessions(g, U), 0, '-1');
    const raws = await Promise.all(ids.map((id) => h.storage.redis.get(keys.session(g, id))));
    return raws.map((raw) => JSON.parse(raw!) as { id: string; start: number; end: number });
  }

  it('two edits that each pass the check but together overlap: one is refused', async () => {
    // X is stretched over the gap while Y moves into it; neither touches what the other checks first.
    for (const yFirst of [true, false, true, false]) {
      g = String(400000000000000000n + BigInt(++guildSeq));
      applied(await h.storage.ensureDefaults(g, ctx(T)));
      const x = await session(h.storage, T, T + H);
      await session(h.storage, T + 6 * H, T + 7 * H);
      const y = await session(h.storage, T + 9 * H, T + 10 * H);
      await session(h.storage, T + 12 * H, T + 13 * H); // the latest: neither edit reads Y as the last end
      const stretch = (): Promise<unknown> =>
        h.storage.editSession(g, x.id, { end: T + 4 * H }, ctx(T + 14 * H));
      const move = (): Promise<unknown> =>
        h.storage.editSession(g, y.id, { start: T + 2 * H, end: T + 3 * H }, ctx(T + 14 * H));
      const results = (
        yFirst ? await Promise.all([move(), stretch()]) : await Promise.all([stretch(), move()])
      ) as {
        outcome: { ok: boolean; code?: string };
      }[];
      const outcomes = results.map((r) => r.outcome);
      expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
      expect(outcomes.filter((o) => o.code === 'SESSION_OVERLAP')).toHaveLength(1);
      const sessions = await stored();
      for (let i = 1; i < sessions.length; i++) {
        expect(sessions[i]!.start).toBeGreaterThanOrEqual(sessions[i - 1]!.end);
      }
    }
  });
});

describe('members whose sessions predate the last end', () => {
  it("a clock-in starts after the member's latest session, and the last end is kept from then on", async () => {
    await session(h.storage, T, T + H);
    const latest = await session(h.storage, T + 2 * H, T + 4 * H);
    // Data written before the last end was kept: no field for the member.
    await h.storage.redis.hdel(keys.lastEnds(g), U);
    const opened = applied(
      await other.clockIn({ guildId: g, userId: U, category: 'work' }, ctx(T + 3 * H, U)),
    );
    expect(opened).toMatchObject({ ok: true, clippedFrom: T + 3 * H, session: { start: latest.end } });
    expect(await h.storage.redis.hget(keys.lastEnds(g), U)).toBe(String(latest.end));
  });

  it('a refused clock-in writes nothing', async () => {
    await session(h.storage, T, T + H);
    await h.storage.redis.hdel(keys.lastEnds(g), U);
    const r = applied(await other.clockIn({ guildId: g, userId: U, category: 'nope' }, ctx(T + 0.5 * H, U)));
    expect(r).toMatchObject({ ok: false, code: 'CATEGORY_NOT_FOUND' });
    expect(await h.storage.redis.hget(keys.lastEnds(g), U)).toBeNull();
  });
});
