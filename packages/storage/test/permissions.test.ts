/**
 * Suspended members, roles required to clock in and category renames, against a real Redis: each write
 * audited, refusals change nothing, replays apply once.
 */
import { contractEvents, type CategoryOutcome } from '../src';
import { DomainEvent } from '@timekeeper/contracts';
import { ADMIN, applied, ctx, startStorage, stopStorage, user, type Harness } from './fixture';

jest.setTimeout(60_000);

const H = 3_600_000;
const NOW = Date.UTC(2026, 10, 2, 12);

let h: Harness;
let guildSeq = 0;
beforeAll(async () => {
  h = await startStorage({ usageCounters: 'off', now: () => NOW });
});
afterAll(() => stopStorage(h));

async function newGuild(): Promise<string> {
  const g = String(500000000000000000n + BigInt(++guildSeq));
  applied(await h.storage.ensureDefaults(g, ctx(NOW)));
  return g;
}

async function trail(g: string): Promise<string[]> {
  const log = await h.storage.auditLog(g, 50);
  if (!log.ok) throw new Error('read');
  return log.value.map((r) => r.fields.type!);
}

const value = async <T>(p: Promise<{ ok: true; value: T } | { ok: false }>): Promise<T> => {
  const r = await p;
  if (!r.ok) throw new Error('read failed');
  return r.value;
};

describe('suspensions', () => {
  it('suspends with a reason until an instant, audits it, builds a valid event, and it lapses by itself', async () => {
    const g = await newGuild();
    const u = user(1);
    const c = ctx(NOW, ADMIN, 'no-show');
    const outcome = applied(await h.storage.suspendMember({ guildId: g, userId: u, until: NOW + 2 * H }, c));
    expect(outcome).toMatchObject({
      ok: true,
      suspension: { userId: u, by: ADMIN, reason: 'no-show', until: NOW + 2 * H },
    });
    if (!outcome.ok) throw new Error('refused');
    expect(DomainEvent.safeParse(contractEvents.suspension(outcome)).success).toBe(true);
    expect(await value(h.storage.suspension(g, u, NOW + H))).toMatchObject({ reason: 'no-show' });
    expect(await value(h.storage.suspension(g, u, NOW + 2 * H))).toBeNull();
    expect(await value(h.storage.suspension(g, user(2), NOW))).toBeNull();
    // The same event id again: replayed, not written twice.
    const again = await h.storage.suspendMember({ guildId: g, userId: u, until: NOW + 2 * H }, c);
    expect(again).toMatchObject({ status: 'applied', replayed: true });
    expect(await trail(g)).toEqual([
      'member.suspended',
      'category.changed',
      'category.changed',
      'category.changed',
    ]);
  });

  it('lifts a suspension (audited); lifting again is refused and changes nothing', async () => {
    const g = await newGuild();
    const u = user(3);
    applied(
      await h.storage.suspendMember({ guildId: g, userId: u, until: null }, ctx(NOW, ADMIN, 'conduct')),
    );
    expect(await value(h.storage.suspension(g, u, NOW + 20 * H))).toMatchObject({ until: null });
    const lifted = applied(await h.storage.unsuspendMember(g, u, ctx(NOW, ADMIN, 'talked it over')));
    expect(lifted).toMatchObject({ ok: true, event: { type: 'member.unsuspended', userId: u } });
    if (!lifted.ok) throw new Error('refused');
    expect(contractEvents.suspension(lifted)).toMatchObject({ type: 'member.unsuspended', until: null });
    const before = await trail(g);
    expect(applied(await h.storage.unsuspendMember(g, u, ctx(NOW, ADMIN, 'again')))).toMatchObject({
      ok: false,
      code: 'NOT_SUSPENDED',
    });
    expect(await trail(g)).toEqual(before);
    expect(before.slice(0, 2)).toEqual(['member.unsuspended', 'member.suspended']);
  });

  it('refuses a suspension without a reason, ending in the past or beyond a year', async () => {
    const g = await newGuild();
    const u = user(4);
    const bad = [
      [{ guildId: g, userId: u, until: null }, ctx(NOW)],
      [{ guildId: g, userId: u, until: NOW - 1 }, ctx(NOW, ADMIN, 'late')],
      [{ guildId: g, userId: u, until: NOW + 367 * 24 * H }, ctx(NOW, ADMIN, 'long')],
    ] as const;
    for (const [input, c] of bad) {
      expect(applied(await h.storage.suspendMember(input, c))).toMatchObject({
        ok: false,
        code: 'INVALID_INPUT',
      });
    }
    expect(await value(h.storage.suspension(g, u, NOW))).toBeNull();
  });
});

describe('required roles', () => {
  it('keeps server and category roles, de-duplicated; refuses a bad shape', async () => {
    const g = await newGuild();
    const role = '300000000000000001';
    applied(
      await h.storage.updateSettings(
        g,
        { requiredRoles: { guildRoleIds: [role, role], categoryRoleIds: { work: [role], break: [] } } },
        ctx(NOW),
      ),
    );
    const settings = await value(h.storage.getSettings(g));
    expect(settings.requiredRoles).toEqual({ guildRoleIds: [role], categoryRoleIds: { work: [role] } });
    const refused = applied(
      await h.storage.updateSettings(
        g,
        { requiredRoles: { guildRoleIds: ['x'], categoryRoleIds: {} } },
        ctx(NOW),
      ),
    );
    expect(refused).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });
});

describe('renaming a category', () => {
  const edit = (g: string, name: string, displayName: string): Promise<CategoryOutcome> =>
    h.storage.editCategory(g, name, { displayName }, ctx(NOW)).then(applied);

  it('keeps the key (so sessions and totals stay with it), answers to both names, refuses taken names', async () => {
    const g = await newGuild();
    const u = user(5);
    applied(await h.storage.clockIn({ guildId: g, userId: u, category: 'work' }, ctx(NOW - 2 * H, u)));
    applied(await h.storage.clockOut({ guildId: g, userId: u }, ctx(NOW - H, u)));
    expect(await edit(g, 'work', 'Labour')).toMatchObject({
      ok: true,
      category: { key: 'work', displayName: 'Labour' },
    });
    // By its new name too.
    expect(await edit(g, 'labour', 'Paid Labour')).toMatchObject({ ok: true, category: { key: 'work' } });
    // Another category's key or name is refused, and nothing changes.
    expect(await edit(g, 'break', 'work')).toMatchObject({ ok: false, code: 'CATEGORY_EXISTS' });
    expect(await edit(g, 'break', 'paid labour')).toMatchObject({ ok: false, code: 'CATEGORY_EXISTS' });
    const created = applied(await h.storage.createCategory(g, { name: 'Paid Labour' }, ctx(NOW)));
    expect(created).toMatchObject({ ok: false, code: 'CATEGORY_EXISTS' });
    const categories = await value(h.storage.listCategories(g, true));
    expect(categories.map((c) => [c.key, c.displayName])).toEqual([
      ['break', 'Break'],
      ['meeting', 'Meeting'],
      ['work', 'Paid Labour'],
    ]);
    const summary = await value(h.storage.userSummary(g, u, NOW));
    expect(summary.weekMs).toBe(H);
    const sessions = await value(h.storage.sessionsInRange(g, { userId: u, from: 0, to: NOW }));
    expect(sessions.sessions.map((s) => s.category)).toEqual(['work']);
  });
});
