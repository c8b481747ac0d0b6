/**
 * A server sets Timekeeper up and its members track time, everything through the real gateway.
 */
import { DateTime } from 'luxon';
import { HOUR, MINUTE, startProduct, value, type Member, type Product, type TestGuild } from './support';

jest.setTimeout(60_000);

const ZONE = 'Asia/Tokyo';

let p: Product;
let g: TestGuild;
/** 09:00 in Tokyo, two days from now (a fixed local time keeps the day arithmetic readable). */
let nine: DateTime;

beforeAll(async () => {
  p = await startProduct();
  g = await p.guild(1);
  nine = DateTime.now().setZone(ZONE).plus({ days: 2 }).startOf('day').set({ hour: 9 });
}, 60_000);
afterAll(async () => {
  await p?.stop();
});

async function completedSessions(member: Member) {
  return value(
    await p.storage.sessionsInRange(member.guildId, {
      userId: member.userId,
      from: 0,
      to: p.clock.now() + HOUR,
    }),
  ).sessions;
}

describe('setting up and clocking in and out', () => {
  let ana: Member;
  let ben: Member;
  let sue: Member;
  let dashboardMessageId: string;

  it('an admin sets the time zone, adds a category and names a manager role', async () => {
    const members = p.members;
    const zone = await members.command(g.admin, 'config', { sub: 'timezone', options: { zone: ZONE } });
    expect(zone.ephemeral).toBe(true);
    expect(value(await p.storage.getSettings(g.id)).timeZone).toBe(ZONE);

    const added = await members.command(g.admin, 'admin', {
      group: 'categories',
      sub: 'add',
      options: { name: 'Support', description: 'Customer questions' },
    });
    expect(added.ephemeral).toBe(true);
    expect(added.text).toContain('Support');
    const categories = value(await p.storage.listCategories(g.id));
    expect(categories.map((c) => c.key)).toContain('support');

    const managers = await p.emulator.control.createRole(g.id, { name: 'Shift managers', position: 2 });
    await members.command(g.admin, 'config', {
      group: 'manager-role',
      sub: 'add',
      options: { role: managers.id },
    });
    expect(value(await p.storage.getSettings(g.id)).managerRoleIds).toEqual([managers.id]);

    ana = await g.member();
    ben = await g.member();
    sue = await g.member({ roles: [managers.id] });
  });

  it('a member finds the new category by autocomplete and clocks in; a second clock-in is refused', async () => {
    p.clock.set(nine.toMillis());
    const choices = await p.members.autocomplete(ana, 'clockin', 'category', { category: 'sup' });
    expect(choices[0]).toEqual({ name: 'Support', value: 'support' });

    const first = await p.members.command(ana, 'clockin', { options: { category: 'support' } });
    expect(first.ephemeral).toBe(true);
    expect(first.text).toContain("You're clocked into **Support**");
    const [session] = value(await p.storage.activeSessions(g.id));
    expect(session).toMatchObject({ userId: ana.userId, category: 'support', source: 'command' });
    expect(Math.abs(session!.start - nine.toMillis())).toBeLessThan(5_000);

    const second = await p.members.command(ana, 'clockin', { options: { category: 'work' } });
    expect(second.text).toContain("You're already clocked into **Support**");
    const labels = (second.message?.components ?? []).flatMap((row) =>
      'components' in row ? row.components.map((c) => ('label' in c ? c.label : undefined)) : [],
    );
    expect(labels).toEqual(['Switch to Work', 'Clock out']);
    expect(value(await p.storage.activeSessions(g.id))).toEqual([session]);
  });

  it('a manager (by role) posts a shared dashboard; another member clocks in with its button and menu', async () => {
    const posted = await p.members.command(sue, 'dashboard');
    expect(posted.ephemeral).toBe(true);
    expect(posted.text).toContain('Posted a shared dashboard');
    const record = await p.storage.getDashboard(g.id, g.channelId);
    expect(record).not.toBeNull();
    dashboardMessageId = record!.messageId;
    const dashboard = (await p.emulator.control.messages(g.channelId)).find(
      (m) => m.id === dashboardMessageId,
    )!;
    expect(dashboard.flags ?? 0).toBe(0); // shared: everyone sees it

    const menu = await p.members.click(ben, dashboard, 'Clock in');
    expect(menu.ephemeral).toBe(true);
    const offered = JSON.stringify(menu.message?.components);
    expect(offered).toContain('"value":"support"');
    const chosen = await p.members.choose(ben, menu.message!, 'support');
    expect(chosen.type).toBe(7);
    expect(chosen.text).toContain("You're clocked into **Support**");
    const active = value(await p.storage.activeSessions(g.id));
    expect(active.map((s) => [s.userId, s.source])).toEqual([
      [ana.userId, 'command'],
      [ben.userId, 'select'],
    ]);
  });

  it('two hours and five minutes later /clockout credits exactly the session everywhere', async () => {
    const [running] = value(await p.storage.activeSessions(g.id));
    p.clock.set(running!.start + 2 * HOUR + 5 * MINUTE);
    const out = await p.members.command(ana, 'clockout');
    expect(out.ephemeral).toBe(true);
    expect(out.text).toMatch(/Category\nSupport/);
    expect(out.text).toMatch(/Duration\n2h 05m/);
    expect(out.text).toMatch(/Today\n2h 05m/);

    const [session] = await completedSessions(ana);
    expect(session).toBeDefined();
    const ms = session!.durationMs;
    expect(ms).toBe(session!.end - session!.start);
    expect(ms - (2 * HOUR + 5 * MINUTE)).toBeGreaterThanOrEqual(0);
    expect(ms - (2 * HOUR + 5 * MINUTE)).toBeLessThan(10_000);

    const summary = value(await p.storage.userSummary(g.id, ana.userId, p.clock.now()));
    expect(summary).toMatchObject({
      day: nine.toISODate(),
      todayMs: ms,
      weekMs: ms,
      monthMs: ms,
      allTimeMs: ms,
      topCategories: [{ category: 'support', ms }],
      active: null,
    });
    for (const period of ['week', 'month', 'all'] as const) {
      for (const category of [undefined, 'support']) {
        const board = value(
          await p.storage.leaderboard(g.id, { period, at: p.clock.now(), ...(category ? { category } : {}) }),
        );
        expect({ period, category, entries: board.entries }).toEqual({
          period,
          category,
          entries: [expect.objectContaining({ rank: 1, userId: ana.userId, ms })],
        });
      }
    }
    expect(session!.pieces).toEqual([[nine.toISODate(), expect.any(String), expect.any(String), ms]]);
  });

  it('the dashboard member clocks out with the dashboard button', async () => {
    const dashboard = (await p.emulator.control.messages(g.channelId)).find(
      (m) => m.id === dashboardMessageId,
    )!;
    const out = await p.members.click(ben, dashboard, 'Clock out');
    expect(out.ephemeral).toBe(true);
    expect(out.text).toMatch(/Duration\n2h 0[45]m/);
    const [session] = await completedSessions(ben);
    expect(session).toMatchObject({ category: 'support' });
    expect(value(await p.storage.activeSessions(g.id))).toEqual([]);
    // Both members' time is on the server's all-time board, the longer first.
    const board = value(await p.storage.leaderboard(g.id, { period: 'all', at: p.clock.now() }));
    expect(board.entries.map((e) => e.userId).sort()).toEqual([ana.userId, ben.userId].sort());
  });
});

describe('a session across local midnight', () => {
  it('is split between the two Tokyo days', async () => {
    const cho = await g.member();
    const eleven = nine.set({ hour: 23 });
    p.clock.set(eleven.toMillis());
    const started = await p.members.command(cho, 'clockin', { options: { category: 'work' } });
    expect(started.text).toContain("You're clocked into **Work**");

    const start = (await p.storage.activeSession(g.id, cho.userId))!.start;
    const halfPastOne = DateTime.fromMillis(start + 2 * HOUR + 30 * MINUTE, { zone: ZONE });
    p.clock.set(halfPastOne.toMillis());
    const out = await p.members.command(cho, 'clockout');
    expect(out.text).toMatch(/Duration\n2h 30m/);
    expect(out.text).toMatch(/Today\n1h 30m/);

    const [session] = await completedSessions(cho);
    const midnight = halfPastOne.startOf('day').toMillis();
    expect(session!.start).toBeLessThan(midnight);
    expect(session!.pieces.map(([day, , , ms]) => [day, ms])).toEqual([
      [eleven.toISODate(), midnight - session!.start],
      [halfPastOne.toISODate(), session!.end - midnight],
    ]);
    const before = value(await p.storage.userSummary(g.id, cho.userId, midnight - 1));
    const after = value(await p.storage.userSummary(g.id, cho.userId, p.clock.now()));
    expect(before).toMatchObject({ day: eleven.toISODate(), todayMs: midnight - session!.start });
    expect(after).toMatchObject({
      day: halfPastOne.toISODate(),
      todayMs: session!.end - midnight,
      allTimeMs: session!.durationMs,
    });
    expect(session!.end - midnight).toBeGreaterThanOrEqual(90 * MINUTE);
  });
});
