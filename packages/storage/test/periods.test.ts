import { DateTime } from 'luxon';
import { dailyField, keys, rangeBoardIds, TOTAL_FIELD, type CompletedSession } from '../src';
import { applied, ctx, startStorage, stopStorage, user, type Harness } from './fixture';

jest.setTimeout(60_000);

const H = 3_600_000;
const MIN = 60_000;
const T0 = Date.UTC(2024, 2, 1, 0, 0, 0); // history runs across the 2024 spring DST changes

let h: Harness;
afterEach(() => stopStorage(h));

/** Independent of storage's splitter: walk local midnights with luxon, add each piece's ms. */
function expectedDaily(
  sessions: readonly CompletedSession[],
  zone: string,
): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const s of sessions) {
    let cursor = s.start;
    while (cursor < s.end) {
      const local = DateTime.fromMillis(cursor, { zone });
      const next = Math.min(s.end, local.startOf('day').plus({ days: 1 }).startOf('day').toMillis());
      const day = local.toFormat('yyyy-MM-dd');
      const byUser = out.get(s.userId) ?? new Map<string, number>();
      byUser.set(day, (byUser.get(day) ?? 0) + next - cursor);
      out.set(s.userId, byUser);
      cursor = next;
    }
  }
  return out;
}

function weekOf(day: string, zone: string, weekStartIso: number): string {
  const d = DateTime.fromISO(day, { zone });
  return `w${d.minus({ days: (d.weekday - weekStartIso + 7) % 7 }).toFormat('yyyy-MM-dd')}`;
}

async function session(g: string, u: string, category: string, start: number, ms: number): Promise<void> {
  applied(await h.storage.clockIn({ guildId: g, userId: u, category }, ctx(start, u)));
  applied(await h.storage.clockOut({ guildId: g, userId: u }, ctx(start + ms, u)));
}

async function allSessions(g: string): Promise<CompletedSession[]> {
  const r = await h.storage.sessionsOverlapping(g, { from: 0, to: Date.UTC(2100, 0, 1) });
  if (!r.ok) throw new Error('read failed');
  return r.value;
}

describe('the boards that cover a range of dates', () => {
  it('takes whole years, months and weeks where they fit, else days', () => {
    // 2026-11-03 is a Tuesday: days to the first Monday, whole weeks, then November's last days, December.
    expect(rangeBoardIds('2026-11-03', '2026-12-02', 'monday')).toEqual([
      'd2026-11-03',
      'd2026-11-04',
      'd2026-11-05',
      'd2026-11-06',
      'd2026-11-07',
      'd2026-11-08',
      'w2026-11-09',
      'w2026-11-16',
      'w2026-11-23',
      'd2026-11-30',
      'd2026-12-01',
      'd2026-12-02',
    ]);
    // A week starting Sunday begins a day earlier.
    expect(rangeBoardIds('2026-11-03', '2026-11-21', 'sunday')).toEqual([
      'd2026-11-03',
      'd2026-11-04',
      'd2026-11-05',
      'd2026-11-06',
      'd2026-11-07',
      'w2026-11-08',
      'w2026-11-15',
    ]);
    expect(rangeBoardIds('2024-01-01', '2025-02-03', 'monday')).toEqual([
      'y2024',
      'm2025-01',
      'd2025-02-01',
      'd2025-02-02',
      'd2025-02-03',
    ]);
    expect(rangeBoardIds('2024-03-02', '2024-03-02', 'monday')).toEqual(['d2024-03-02']);
  });
});

describe('period data after a time zone and week start change', () => {
  it('day and week boards, rollups and clipped reads match a recomputation from the sessions, to the ms', async () => {
    h = await startStorage({ usageCounters: 'off' });
    const g = '100000000000000071';
    applied(await h.storage.ensureDefaults(g, ctx(T0)));
    // A seeded history: three members, odd lengths and start times, many across midnight.
    let seed = 7;
    const rand = (n: number): number => (seed = (seed * 48271) % 2147483647) % n;
    for (let day = 0; day < 40; day++) {
      for (const n of [1, 2, 3]) {
        const start = T0 + day * 24 * H + rand(24 * 60) * MIN + rand(60) * 1000;
        await session(
          g,
          user(n),
          n === 2 ? 'meeting' : 'work',
          start,
          (30 + rand(600)) * MIN + rand(60) * 1000,
        );
      }
    }
    // One session longer than the lookback (kept going by "Still working" confirmations).
    const longStart = T0 + 41 * 24 * H;
    const opened = applied(
      await h.storage.clockIn({ guildId: g, userId: user(4), category: 'work' }, ctx(longStart, user(4))),
    );
    if (!opened.ok) throw new Error('clock-in failed');
    for (let d = 1; d <= 9; d++) {
      applied(
        await h.storage.confirmActivity(
          { guildId: g, userId: user(4), sessionId: opened.session.id },
          ctx(longStart + d * 24 * H, user(4)),
        ),
      );
    }
    applied(
      await h.storage.clockOut({ guildId: g, userId: user(4) }, ctx(longStart + 9 * 24 * H + 5 * H, user(4))),
    );

    const changed = applied(
      await h.storage.updateSettings(
        g,
        { timeZone: 'America/New_York', weekStart: 'sunday' },
        ctx(T0 + 60 * 24 * H),
      ),
    );
    if (!changed.ok) throw new Error('settings refused');
    const generation = changed.settings.periodGeneration;
    expect(generation).toBe(1);
    expect((await h.storage.periodsState(g)).ok && (await h.storage.periodsState(g))).toMatchObject({
      value: { state: 'running' },
    });

    // Rebuild in small batches, with writes landing in the middle of it.
    let progress = await h.storage.rebuildPeriods(g, generation, 1);
    await session(g, user(1), 'work', T0 + 50 * 24 * H + 23 * H, 2 * H); // crosses New York midnight? no: 19:00–21:00 local
    const first = (await allSessions(g)).find((s) => s.userId === user(3))!;
    applied(await h.storage.editSession(g, first.id, { start: first.start - 3 * H }, ctx(T0 + 61 * 24 * H)));
    while (progress.state === 'running') progress = await h.storage.rebuildPeriods(g, generation, 1);
    expect(progress.state).toBe('done');
    await session(g, user(2), 'meeting', T0 + 52 * 24 * H + 3 * H, 4 * H + 17_000);

    const sessions = await allSessions(g);
    const expected = expectedDaily(sessions, 'America/New_York');
    for (const [userId, days] of expected) {
      for (const [day, ms] of days) {
        const score = await h.storage.redis.zscore(
          keys.leaderboard(g, `${generation}.d${day}`, TOTAL_FIELD),
          userId,
        );
        expect([userId, day, Number(score)]).toEqual([userId, day, ms]);
        const rollup = await h.storage.redis.hget(
          keys.userDaily(g, userId),
          dailyField(day, undefined, generation),
        );
        expect(Number(rollup)).toBe(ms);
      }
      // Weeks start on Sunday now (ISO weekday 7).
      const weeks = new Map<string, number>();
      for (const [day, ms] of days)
        weeks.set(
          weekOf(day, 'America/New_York', 7),
          (weeks.get(weekOf(day, 'America/New_York', 7)) ?? 0) + ms,
        );
      for (const [week, ms] of weeks) {
        expect(
          Number(
            await h.storage.redis.zscore(keys.leaderboard(g, `${generation}.${week}`, TOTAL_FIELD), userId),
          ),
        ).toBe(ms);
      }
    }
    // The guild's rollup is the sum of its members'.
    const guildDays = new Map<string, number>();
    for (const days of expected.values())
      for (const [day, ms] of days) guildDays.set(day, (guildDays.get(day) ?? 0) + ms);
    for (const [day, ms] of guildDays) {
      expect(
        Number(await h.storage.redis.hget(keys.guildDaily(g), dailyField(day, undefined, generation))),
      ).toBe(ms);
    }
  });

  it('a clipped read counts a session that started before the range for the part inside it', async () => {
    h = await startStorage({ usageCounters: 'off' });
    const g = '100000000000000072';
    applied(await h.storage.ensureDefaults(g, ctx(T0)));
    await session(g, user(1), 'work', T0 + 22 * H, 4 * H); // 22:00–02:00 UTC
    const r = await h.storage.sessionsOverlapping(g, { userId: user(1), from: T0 + 24 * H, to: T0 + 48 * H });
    if (!r.ok) throw new Error('read failed');
    expect(r.value.map((s) => [s.clippedStart, s.clippedEnd, s.clippedMs])).toEqual([
      [T0 + 24 * H, T0 + 26 * H, 2 * H],
    ]);
  });

  it('status figures agree after a zone change: today equals all time when everything was today', async () => {
    h = await startStorage({ usageCounters: 'off' });
    const g = '100000000000000073';
    applied(await h.storage.ensureDefaults(g, ctx(T0)));
    const base = T0 + 12 * H; // 12:00 UTC
    await session(g, user(1), 'work', base, 3 * MIN);
    await session(g, user(1), 'work', base + 10 * MIN, 4 * MIN);
    applied(await h.storage.updateSettings(g, { timeZone: 'Pacific/Kiritimati' }, ctx(base + 30 * MIN)));
    const summary = await h.storage.userSummary(g, user(1), base + 30 * MIN);
    if (!summary.ok) throw new Error('read failed');
    // Kiritimati is UTC+14: 12:00–12:14 UTC is 02:00–02:14 local, the same local day as 12:30 UTC.
    expect(summary.value.todayMs).toBe(7 * MIN);
    expect(summary.value.allTimeMs).toBe(7 * MIN);
    expect(summary.value.weekMs).toBe(7 * MIN);
  });

  it('a finished rebuild deletes what older generations wrote: rollup fields and boards', async () => {
    h = await startStorage({ usageCounters: 'off' });
    const g = '100000000000000074';
    applied(await h.storage.ensureDefaults(g, ctx(T0)));
    const boardsOf = async (): Promise<string[]> =>
      (await h.storage.redis.keys(`tk:{${g}}:lb:*`)).filter((k) => !k.includes(':lb:all:')).sort();
    const dailyFields = async (): Promise<string[]> => [
      ...(await h.storage.redis.hkeys(keys.guildDaily(g))),
      ...(await h.storage.redis.hkeys(keys.userDaily(g, user(1)))),
      ...(await h.storage.redis.hkeys(keys.userDaily(g, user(2)))),
    ];
    const rebuild = async (generation: number): Promise<void> => {
      let progress = await h.storage.rebuildPeriods(g, generation, 1);
      while (progress.state === 'running') progress = await h.storage.rebuildPeriods(g, generation, 1);
      expect(progress.state).toBe('done');
    };
    for (let day = 0; day < 20; day++) {
      await session(g, user(1 + (day % 2)), day % 3 ? 'work' : 'meeting', T0 + day * 26 * H, 5 * H);
    }
    const untagged = await boardsOf();
    expect(untagged.some((k) => k.includes(':lb:d'))).toBe(true);
    // Generation 1 (a zone change), then 2 (a week start change), each rebuilt.
    const one = applied(
      await h.storage.updateSettings(g, { timeZone: 'Asia/Kolkata' }, ctx(T0 + 30 * 24 * H)),
    );
    if (!one.ok) throw new Error('settings refused');
    await rebuild(1);
    const afterOne = await boardsOf();
    expect(afterOne.length).toBeGreaterThan(0);
    expect(afterOne.filter((k) => !k.includes(':lb:1.'))).toEqual([]);
    expect((await dailyFields()).filter((f) => !f.startsWith('1.'))).toEqual([]);
    const two = applied(await h.storage.updateSettings(g, { weekStart: 'sunday' }, ctx(T0 + 31 * 24 * H)));
    if (!two.ok) throw new Error('settings refused');
    await session(g, user(1), 'work', T0 + 31 * 24 * H, H); // written under generation 2 during the change
    await rebuild(2);
    expect((await boardsOf()).filter((k) => !k.includes(':lb:2.'))).toEqual([]);
    expect((await dailyFields()).filter((f) => !f.startsWith('2.'))).toEqual([]);
    // The all-time boards and totals are not zone-dependent and stay.
    expect(await h.storage.redis.zscore(keys.leaderboard(g, 'all', TOTAL_FIELD), user(1))).not.toBeNull();
    // The current generation still matches the sessions.
    const sessions = await allSessions(g);
    const expected = expectedDaily(sessions, 'Asia/Kolkata');
    for (const [userId, days] of expected) {
      for (const [day, ms] of days) {
        expect(
          Number(await h.storage.redis.hget(keys.userDaily(g, userId), dailyField(day, undefined, 2))),
        ).toBe(ms);
      }
    }
  });

  it("a member's own place agrees with the pages, ties going to who reached the time first", async () => {
    h = await startStorage({ usageCounters: 'off' });
    const g = '100000000000000075';
    applied(await h.storage.ensureDefaults(g, ctx(T0)));
    // Members 3, 1 and 2 reach one hour in that order; member 4 has two hours.
    await session(g, user(3), 'work', T0 + H, H);
    await session(g, user(1), 'work', T0 + H + MIN, H);
    await session(g, user(2), 'work', T0 + H + 2 * MIN, H);
    await session(g, user(4), 'work', T0 + 4 * H, 2 * H);
    const all = await h.storage.periodBoard(g, { periodId: 'all', offset: 0, limit: 10, userId: user(9) });
    if (!all.ok) throw new Error('read failed');
    const order = all.value.entries.map((e) => e.userId);
    expect(order).toEqual([user(4), user(3), user(1), user(2)]);
    expect(all.value.own).toBeNull();
    for (const [i, id] of order.entries()) {
      const page = await h.storage.periodBoard(g, { periodId: 'all', offset: 0, limit: 1, userId: id });
      if (!page.ok) throw new Error('read failed');
      expect(page.value.own).toMatchObject({ rank: i + 1, userId: id });
    }
  });

  it("a range board's page, a member's place, the members below and the median agree with the sessions", async () => {
    h = await startStorage({ usageCounters: 'off' });
    const g = '100000000000000078';
    applied(await h.storage.ensureDefaults(g, ctx(T0)));
    // UTC days 2024-03-01 … 03-04. Over 03-02 … 03-03 (the range):
    // 1: 1 h + 1 h = 2 h (reaches 2 h on 03-03 at 11:00); 2: 2 h, reached on 03-02 at 12:00 (first);
    // 3: 3 h; 4: 30 min; 5: only outside the range (03-01 and 03-04).
    const day = (n: number, hour: number): number => T0 + n * 24 * H + hour * H;
    await session(g, user(5), 'work', day(0, 9), 5 * H);
    await session(g, user(1), 'work', day(1, 9), H);
    await session(g, user(2), 'work', day(1, 10), 2 * H);
    await session(g, user(3), 'work', day(1, 13), 3 * H);
    await session(g, user(1), 'work', day(2, 10), H);
    await session(g, user(4), 'work', day(2, 15), 30 * MIN);
    await session(g, user(5), 'work', day(3, 9), 5 * H);
    const read = async (userId: string, offset: number, limit: number) => {
      const r = await h.storage.rangeBoard(g, {
        fromDate: '2024-03-02',
        toDate: '2024-03-03',
        offset,
        limit,
        userId,
      });
      if (!r.ok) throw new Error('read failed');
      return r.value;
    };
    const all = await read(user(9), 0, 10);
    expect(all.entries.map((e) => [e.rank, e.userId, e.ms])).toEqual([
      [1, user(3), 3 * H],
      [2, user(2), 2 * H],
      [3, user(1), 2 * H],
      [4, user(4), 30 * MIN],
    ]);
    expect([all.size, all.own, all.below]).toEqual([4, null, 0]);
    // Even size: the mean of the two middle times (30 min … 3 h sorted: 2 h and 2 h).
    expect(all.medianMs).toBe(2 * H);
    // A page that cuts through the tie keeps the tie-break; each member's place agrees with the pages.
    expect((await read(user(9), 2, 1)).entries.map((e) => [e.rank, e.userId])).toEqual([[3, user(1)]]);
    for (const [i, e] of all.entries.entries()) {
      const standing = await read(e.userId, 0, 0);
      expect(standing.entries).toEqual([]);
      expect(standing.own).toMatchObject({ rank: i + 1, userId: e.userId, ms: e.ms });
      expect(standing.below).toBe(all.entries.filter((o) => o.ms < e.ms).length);
    }
    // Two whole weeks (Monday starts) are read as week boards, and give the same board as the days.
    expect(rangeBoardIds('2024-02-26', '2024-03-10', 'monday')).toEqual(['w2024-02-26', 'w2024-03-04']);
    const weeks = await h.storage.rangeBoard(g, {
      fromDate: '2024-02-26',
      toDate: '2024-03-10',
      offset: 0,
      limit: 10,
      userId: user(2),
    });
    if (!weeks.ok) throw new Error('read failed');
    expect(weeks.value.entries.map((e) => [e.userId, e.ms])).toEqual([
      [user(5), 10 * H],
      [user(3), 3 * H],
      [user(2), 2 * H],
      [user(1), 2 * H],
      [user(4), 30 * MIN],
    ]);
    // The scratch keys are gone; an odd size has one middle.
    expect(await h.storage.redis.keys(`tk:{${g}}:lb-range:*`)).toEqual([]);
    const three = await h.storage.rangeBoard(g, {
      fromDate: '2024-03-03',
      toDate: '2024-03-04',
      offset: 0,
      limit: 5,
      userId: user(1),
    });
    if (!three.ok) throw new Error('read failed');
    expect(three.value.entries.map((e) => e.userId)).toEqual([user(5), user(1), user(4)]);
    expect([three.value.medianMs, three.value.below, three.value.own?.rank]).toEqual([H, 1, 2]);
  });

  it('a member hidden from public boards is listed as hidden until shown again, per server', async () => {
    h = await startStorage({ usageCounters: 'off' });
    const g = '100000000000000076';
    const other = '100000000000000077';
    expect(await h.storage.leaderboardHidden(g, [user(1), user(2)])).toEqual(new Set());
    await h.storage.setLeaderboardHidden(g, user(1), true, T0);
    expect(await h.storage.leaderboardHidden(g, [user(1), user(2)])).toEqual(new Set([user(1)]));
    expect(await h.storage.leaderboardHidden(other, [user(1)])).toEqual(new Set());
    await h.storage.setLeaderboardHidden(g, user(1), false, T0 + MIN);
    expect(await h.storage.leaderboardHidden(g, [user(1)])).toEqual(new Set());
    expect(await h.storage.leaderboardHidden(g, [])).toEqual(new Set());
  });
});
