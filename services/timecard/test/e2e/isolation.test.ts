/**
 * Two servers on different shards: buttons made in one are useless in the other, and nothing one
 * server does reveals or changes the other's categories or sessions.
 */
import { metricValue } from '@timekeeper/testing';
import { buttonId } from '@timekeeper/testing';
import { startProduct, value, type Member, type Product, type TestGuild } from './support';

jest.setTimeout(60_000);

const FOREIGN = /belongs to another server/;

let p: Product;
let a: TestGuild;
let b: TestGuild;
let alice: Member;
let bob: Member;
/** custom_ids made in server A. */
const fromA: Record<string, string> = {};

beforeAll(async () => {
  p = await startProduct();
  [a, b] = await Promise.all([p.guild(0), p.guild(1)]);
  [alice, bob] = await Promise.all([a.member(), b.member()]);

  // Server A: its own categories (nine, so the list has a second page), a dashboard, a running session.
  for (const name of ['Alpha Secret', 'Sales', 'Design', 'Ops', 'Research', 'Hiring']) {
    await p.members.command(a.admin, 'admin', { group: 'categories', sub: 'add', options: { name } });
  }
  await p.members.command(a.admin, 'dashboard');
  await p.members.command(alice, 'clockin', { options: { category: 'alpha secret' } });
  const again = await p.members.command(alice, 'clockin', { options: { category: 'work' } });
  const list = await p.members.command(a.admin, 'admin', { group: 'categories', sub: 'list' });
  const record = await p.storage.getDashboard(a.id, a.channelId);
  const dashboard = (await p.emulator.control.messages(a.channelId)).find((m) => m.id === record!.messageId)!;
  fromA['dashboard Clock in'] = buttonId(dashboard, 'Clock in');
  fromA['dashboard Clock out'] = buttonId(dashboard, 'Clock out');
  fromA["dashboard Who's clocked in"] = buttonId(dashboard, "Who's clocked in");
  fromA['switch'] = buttonId(again.message!, 'Switch to');
  fromA['clock out under "already clocked in"'] = buttonId(again.message!, 'Clock out');
  fromA['categories list pager'] = buttonId(list.message!, 'Next');

  // Server B is set up by its own admin.
  await p.members.command(b.admin, 'admin', { group: 'categories', sub: 'list' });
}, 60_000);
afterAll(async () => {
  await p?.stop();
});

async function snapshotOf(guildId: string): Promise<unknown> {
  const [settings, categories, active, audit, dashboards] = await Promise.all([
    p.storage.getSettings(guildId),
    p.storage.listCategories(guildId, true),
    p.storage.activeSessions(guildId),
    p.storage.auditLog(guildId, 200),
    p.storage.listDashboards(guildId),
  ]);
  return {
    settings: value(settings),
    categories: value(categories),
    active: value(active),
    audit: value(audit),
    dashboards,
  };
}

describe('buttons from server A clicked in server B', () => {
  let before: unknown;
  beforeAll(async () => {
    expect(a.view.shardId).toBe(0);
    expect(b.view.shardId).toBe(1);
    before = await snapshotOf(a.id);
  });

  it.each([
    'dashboard Clock in',
    'dashboard Clock out',
    "dashboard Who's clocked in",
    'switch',
    'clock out under "already clocked in"',
    'categories list pager',
  ])('the %s button is refused, for a member and for an admin', async (name) => {
    for (const clicker of [bob, b.admin]) {
      const answer = await p.members.clickId(clicker, fromA[name]!);
      expect(answer.ephemeral).toBe(true);
      expect(answer.text).toMatch(FOREIGN);
      expect(answer.text).not.toContain(`<@${alice.userId}>`);
      expect(answer.text).not.toContain('Alpha');
    }
  });

  it('left server A exactly as it was and started nothing in B', async () => {
    expect(await snapshotOf(a.id)).toEqual(before);
    expect(value(await p.storage.activeSessions(b.id))).toEqual([]);
  });
});

describe("server B's commands", () => {
  it("never offer, accept or list server A's categories", async () => {
    const choices = await p.members.autocomplete(bob, 'clockin', 'category', { category: 'alp' });
    expect(choices.map((c) => c.value)).not.toContain('alpha secret');
    const clockIn = await p.members.command(bob, 'clockin', { options: { category: 'alpha secret' } });
    expect(clockIn.text).toContain("There's no category called **alpha secret** here");
    expect(value(await p.storage.activeSessions(b.id))).toEqual([]);

    const list = await p.members.command(b.admin, 'admin', { group: 'categories', sub: 'list' });
    expect(list.text).toContain('Work');
    expect(list.text).not.toContain('Alpha');
    expect(
      value(await p.storage.listCategories(b.id))
        .map((c) => c.key)
        .sort(),
    ).toEqual(['break', 'meeting', 'work']);
  });

  it("never show server A's sessions", async () => {
    const who = await p.members.command(bob, 'whoclocked');
    expect(who.text).not.toContain(`<@${alice.userId}>`);
    const status = await p.members.command(bob, 'status');
    expect(status.text).not.toContain('Alpha');
    await p.members.command(bob, 'clockin', { options: { category: 'work' } });
    const whoNow = await p.members.command(bob, 'whoclocked');
    expect(whoNow.text).toContain('Clocked in now — 1');
    expect(whoNow.text).toContain(`<@${bob.userId}>`);
    expect(whoNow.text).not.toContain(`<@${alice.userId}>`);
    // Server A still sees only its own member.
    const whoInA = await p.members.command(alice, 'whoclocked');
    expect(whoInA.text).toContain('Clocked in now — 1');
    expect(whoInA.text).not.toContain(`<@${bob.userId}>`);
  });
});

describe('the path every interaction took', () => {
  it("was the gateway's two shards, which answered each one themselves through the callback", async () => {
    const metrics = await p.gateway.metrics();
    expect(metricValue(metrics, 'timekeeper_gateway_shard_status')).toBe(2);
    expect(metricValue(metrics, 'timekeeper_interactions_total{command="clockin",outcome="answered"}')).toBe(
      5,
    );
    expect(
      metricValue(metrics, 'timekeeper_interactions_total{command="timecard",outcome="service_error"}'),
    ).toBe(10);
    expect(metricValue(metrics, 'timekeeper_interaction_fallbacks_total{reason="no_responder"}')).toBe(0);
  });
});
