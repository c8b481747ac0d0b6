import { applied, ctx, startStorage, stopStorage, user, type Harness } from './fixture';

const G = '100000000000000050';
const T0 = Date.UTC(2024, 4, 6, 8);
const H = 3_600_000;

let h: Harness;
beforeAll(async () => {
  h = await startStorage({ usageCounters: 'off' });
  applied(await h.storage.ensureDefaults(G, ctx(T0)));
});
afterAll(() => stopStorage(h));

async function session(u: string, category: string, start: number, ms: number): Promise<void> {
  applied(await h.storage.clockIn({ guildId: G, userId: u, category }, ctx(start, u)));
  applied(await h.storage.clockOut({ guildId: G, userId: u }, ctx(start + ms, u)));
}

describe('leaderboards', () => {
  beforeAll(async () => {
    // user 30 and user 4 tie at 2 h: user 30 reached it first. user 5 and user 6 tie at 1 h at the same instant.
    await session(user(30), 'work', T0, 2 * H);
    await session(user(4), 'work', T0 + H, 2 * H);
    await session(user(5), 'meeting', T0, H);
    await session(user(6), 'meeting', T0, H);
    await session(user(7), 'work', T0, 3 * H);
  });

  it('orders by time, then earlier reached, then lower user id', async () => {
    const page = await h.storage.leaderboard(G, { period: 'all', at: T0, limit: 10 });
    if (!page.ok) throw new Error('read failed');
    expect(page.value.entries.map((e) => [e.rank, e.userId, e.ms])).toEqual([
      [1, user(7), 3 * H],
      [2, user(30), 2 * H],
      [3, user(4), 2 * H],
      [4, user(5), H],
      [5, user(6), H],
    ]);
  });

  it('keeps the order across page edges that split a tie', async () => {
    const seen: string[] = [];
    for (let offset = 0; offset < 5; offset += 2) {
      const page = await h.storage.leaderboard(G, { period: 'week', at: T0, offset, limit: 2 });
      if (!page.ok) throw new Error('read failed');
      seen.push(...page.value.entries.map((e) => e.userId));
      expect(page.value.size).toBe(5);
    }
    expect(seen).toEqual([user(7), user(30), user(4), user(5), user(6)]);
  });

  it('filters by category case-insensitively and refuses nonsense', async () => {
    const page = await h.storage.leaderboard(G, { period: 'month', category: 'MEETING', at: T0 });
    expect(page.ok && page.value.entries.map((e) => e.userId)).toEqual([user(5), user(6)]);
    expect(await h.storage.leaderboard(G, { period: 'all', category: 'a:b', at: T0 })).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
    });
    const empty = await h.storage.leaderboard(G, { period: 'week', at: T0 + 14 * 24 * H });
    expect(empty.ok && empty.value.entries).toEqual([]);
  });

  it('summarises a user in the guild zone with top categories', async () => {
    const s = await h.storage.userSummary(G, user(7), T0 + 5 * H);
    expect(s).toMatchObject({
      ok: true,
      value: { todayMs: 3 * H, topCategories: [{ category: 'work', ms: 3 * H }] },
    });
  });
});

describe('categories and settings', () => {
  it('enforces name rules, duplicates (case-insensitive), archive and restore', async () => {
    const c = applied(await h.storage.createCategory(G, { name: 'Deep Work', color: '#AABBCC' }, ctx(T0)));
    expect(c).toMatchObject({
      ok: true,
      category: { key: 'deep work', displayName: 'Deep Work', color: '#aabbcc' },
    });
    expect(applied(await h.storage.createCategory(G, { name: 'deep  WORK' }, ctx(T0)))).toMatchObject({
      code: 'CATEGORY_EXISTS',
    });
    expect(applied(await h.storage.createCategory(G, { name: 'total' }, ctx(T0)))).toMatchObject({
      code: 'INVALID_INPUT',
    });
    expect(applied(await h.storage.archiveCategory(G, 'Deep Work', ctx(T0)))).toMatchObject({
      ok: true,
      category: { archived: true },
    });
    const listed = await h.storage.listCategories(G);
    expect(listed.ok && listed.value.map((x) => x.key)).toEqual(['break', 'meeting', 'work']);
    const all = await h.storage.listCategories(G, true);
    expect(all.ok && all.value.map((x) => x.key)).toContain('deep work');
    expect(applied(await h.storage.restoreCategory(G, 'deep work', ctx(T0)))).toMatchObject({ ok: true });
    expect(
      applied(await h.storage.editCategory(G, 'deep work', { productivityWeight: 2 }, ctx(T0))),
    ).toMatchObject({
      ok: true,
      category: { productivityWeight: 2 },
    });
  });

  it('allows at most 50 active categories, even when created concurrently', async () => {
    const g = '100000000000000051';
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) => h.storage.createCategory(g, { name: `cat ${i}` }, ctx(T0))),
    );
    const outcomes = results.map(applied);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(50);
    expect(outcomes.filter((o) => !o.ok && o.code === 'CATEGORY_LIMIT')).toHaveLength(10);
    // 60 writers contending on one guard: seconds when the machine is busy.
  }, 30_000);

  it('updates settings with validation and serves them from the cache afterwards', async () => {
    expect(applied(await h.storage.updateSettings(G, { timeZone: 'Nowhere/City' }, ctx(T0)))).toMatchObject({
      ok: false,
      field: 'timeZone',
    });
    expect(applied(await h.storage.updateSettings(G, { timeZone: 'Asia/Kolkata' }, ctx(T0)))).toMatchObject({
      ok: true,
    });
    const s = await h.storage.getSettings(G);
    expect(s).toMatchObject({
      ok: true,
      stale: false,
      value: { timeZone: 'Asia/Kolkata', weekStart: 'monday' },
    });
    const metrics = await h.registry.getSingleMetricAsString('timekeeper_storage_cache_hits_total');
    expect(metrics).toMatch(/cache="settings"} [1-9]/);
  });
});
