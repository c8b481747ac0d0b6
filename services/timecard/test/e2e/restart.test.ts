/**
 * Every service is restarted while a member is clocked in and a shared dashboard is posted: nothing the
 * members hold (a running session, the dashboard's buttons) stops working.
 */
import type { APIMessage } from 'discord-api-types/v10';
import { HOUR, MINUTE, startProduct, value, type Member, type Product, type TestGuild } from './support';

jest.setTimeout(60_000);

let p: Product;
let g: TestGuild;
let ada: Member;
let bo: Member;
let dashboard: APIMessage;

beforeAll(async () => {
  p = await startProduct();
  g = await p.guild(0);
  [ada, bo] = await Promise.all([g.member(), g.member()]);
}, 60_000);
afterAll(async () => {
  await p?.stop();
});

async function postedDashboard(): Promise<APIMessage> {
  const record = await p.storage.getDashboard(g.id, g.channelId);
  const message = (await p.emulator.control.messages(g.channelId)).find((m) => m.id === record?.messageId);
  if (!message) throw new Error('no shared dashboard in the channel');
  return message;
}

describe('restarting every service', () => {
  it('starts with a member clocked in and a shared dashboard posted', async () => {
    // The server's defaults (Work, Break, Meeting) come with the admin's first look at the categories.
    await p.members.command(g.admin, 'admin', { group: 'categories', sub: 'list' });
    await p.members.command(g.admin, 'dashboard');
    dashboard = await postedDashboard();
    const clockIn = await p.members.command(ada, 'clockin', { options: { category: 'work' } });
    expect(clockIn.text).toContain("You're clocked into **Work**");
  });

  it('after SIGTERM to gateway, timecard and admin, the dashboard buttons and commands still work', async () => {
    const start = (await p.storage.activeSession(g.id, ada.userId))!.start;
    p.clock.set(start + HOUR);
    const exits = await Promise.all([p.gateway.stop(), p.timecard.stop(), p.admin.stop()]);
    expect(exits.map((exit) => exit.code)).toEqual([0, 0, 0]);
    for (const service of [p.gateway, p.timecard, p.admin]) service.spawn();
    await Promise.all([p.gateway, p.timecard, p.admin].map((service) => service.waitReady(30_000)));
    // The gateway picked its Discord sessions up again instead of identifying anew.
    const shards = await p.emulator.control.shards();
    expect(shards.map((shard) => shard.resumes)).toEqual([1, 1]);

    const status = await p.members.command(ada, 'status');
    expect(status.text).toContain('Clocked into **Work**');
    expect(status.text).toMatch(/This session\n1h 00m/);

    const menu = await p.members.click(bo, dashboard, 'Clock in');
    const chosen = await p.members.choose(bo, menu.message!, 'break');
    expect(chosen.text).toContain("You're clocked into **Break**");
    const who = await p.members.click(bo, dashboard, "Who's clocked in");
    expect(who.text).toContain('Clocked in now — 2');

    const config = await p.members.command(g.admin, 'config', { sub: 'show' });
    expect(config.text).toContain('UTC');
  });

  it('after kill -9 of timecard, the member clocks out with the full time credited', async () => {
    const start = (await p.storage.activeSession(g.id, ada.userId))!.start;
    p.clock.set(start + HOUR + 30 * MINUTE);
    const killed = await p.timecard.kill();
    expect(killed.signal).toBe('SIGKILL');
    p.timecard.spawn();
    await p.timecard.waitReady(30_000);

    const out = await p.members.command(ada, 'clockout');
    expect(out.text).toMatch(/Duration\n1h 30m/);
    const summary = value(await p.storage.userSummary(g.id, ada.userId, p.clock.now()));
    expect(summary.allTimeMs).toBeGreaterThanOrEqual(90 * MINUTE);
    expect(summary.allTimeMs).toBeLessThan(91 * MINUTE);

    const stats = await p.members.click(bo, dashboard, 'My stats');
    expect(stats.text).toContain('Clocked into **Break**');
    const byButton = await p.members.click(bo, dashboard, 'Clock out');
    expect(byButton.text).toMatch(/Category\nBreak/);
    expect(value(await p.storage.activeSessions(g.id))).toEqual([]);
  });
});
