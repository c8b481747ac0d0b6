import { createDiscordApi } from '@timekeeper/service-kit';
import type { APIMessage } from 'discord-api-types/v10';
import { textOf } from '@timekeeper/testing';
import { TimecardHarness } from '../support/harness';
import { eventually } from '@timekeeper/testing';

let h: TimecardHarness;
beforeAll(async () => {
  h = await TimecardHarness.start({ dashboardRefreshMs: 300 });
}, 30_000);
afterAll(() => h?.stop());

async function channelMessages(channelId: string): Promise<APIMessage[]> {
  return h.emulator.control.messages(channelId);
}

describe('shared dashboard', () => {
  it('a manager posts it; members clock in and out with its buttons; it refreshes from events', async () => {
    const guild = await h.guild([{ name: 'Work' }, { name: 'Break' }]);
    const channelId = guild.channelIds[0]!;
    const manager = await h.member(guild, { manager: true });
    const member = await h.member(guild);

    const posted = await h.driver.slash(manager, 'dashboard');
    expect(posted.ephemeral).toBe(true);
    expect(posted.text).toContain('Posted a shared dashboard');
    const record = await h.storage.getDashboard(guild.id, channelId);
    const [dashboard] = (await channelMessages(channelId)).filter((m) => m.id === record?.messageId);
    expect(dashboard).toBeDefined();
    expect(textOf(dashboard!)).toContain('Clocked in now (0)');

    const menu = await h.driver.click(member, dashboard!, 'Clock in');
    expect(menu.ephemeral).toBe(true);
    expect(menu.text).toContain('Pick a category');
    const chosen = await h.driver.choose(member, menu.message!, 'break');
    expect(chosen.type).toBe(7);
    expect(chosen.text).toContain("You're clocked into **Break**");
    expect(chosen.message!.components).toEqual([]);
    const active = await h.storage.activeSessions(guild.id);
    expect(active.ok && active.value).toEqual([
      expect.objectContaining({ userId: member.userId, source: 'select' }),
    ]);

    // The refresh comes from the clock.in event, debounced.
    const refreshed = await eventually(async () => {
      const [message] = (await channelMessages(channelId)).filter((m) => m.id === record!.messageId);
      return message && textOf(message).includes(`<@${member.userId}>`) ? message : undefined;
    }, 'the dashboard to show the member');
    expect(textOf(refreshed)).toContain('Clocked in now (1)');

    const stats = await h.driver.click(member, refreshed, 'My stats');
    expect(stats.ephemeral).toBe(true);
    expect(stats.text).toContain('Clocked into **Break**');
    const who = await h.driver.click(member, refreshed, "Who's clocked in");
    expect(who.text).toContain('Clocked in now — 1');

    // A restart in the middle of the session: the posted buttons still work.
    await h.restartService();
    const out = await h.driver.click(member, refreshed, 'Clock out');
    expect(out.ephemeral).toBe(true);
    expect(out.text).toContain('Clocked out');
    expect(out.text).toMatch(/Category\nBreak/);
    await eventually(async () => {
      const [message] = (await channelMessages(channelId)).filter((m) => m.id === record!.messageId);
      return message && textOf(message).includes('Clocked in now (0)');
    }, 'the dashboard to show nobody');
  });

  it('posting again replaces the old message; a deleted message is forgotten', async () => {
    const guild = await h.guild([{ name: 'Work' }]);
    const channelId = guild.channelIds[0]!;
    const manager = await h.member(guild, { manager: true });
    await h.driver.slash(manager, 'dashboard');
    const first = (await h.storage.getDashboard(guild.id, channelId))!;
    const again = await h.driver.slash(manager, 'dashboard');
    expect(again.text).toContain('replaces the one that was here before');
    const second = (await h.storage.getDashboard(guild.id, channelId))!;
    expect(second.messageId).not.toBe(first.messageId);
    const live = (await channelMessages(channelId)).map((m) => m.id);
    expect(live).toContain(second.messageId);
    expect(live).not.toContain(first.messageId);

    const { api } = createDiscordApi({ apiUrl: h.emulator.apiUrl, token: h.emulator.botToken });
    await api.channels.deleteMessage(channelId, second.messageId);
    const member = await h.member(guild);
    await h.driver.slash(member, 'clockin', { category: 'work' });
    await eventually(
      async () => (await h.storage.getDashboard(guild.id, channelId)) === null,
      'the deleted dashboard to be forgotten',
    );
  });

  it('the personal dashboard is ephemeral and its buttons act for the member', async () => {
    const guild = await h.guild([{ name: 'Work' }]);
    const member = await h.member(guild);
    const personal = await h.driver.slash(member, 'dashboard', { personal: true });
    expect(personal.ephemeral).toBe(true);
    expect(personal.text).toContain('Your dashboard');
    const menu = await h.driver.click(member, personal.message!, 'Clock in');
    const chosen = await h.driver.choose(member, menu.message!, 'work');
    expect(chosen.text).toContain("You're clocked into **Work**");
    expect(await h.storage.getDashboard(guild.id, guild.channelIds[0]!)).toBeNull();
  });
});

describe('a restart in the middle of a session', () => {
  it('the member can still clock out by command, with the full time credited', async () => {
    const guild = await h.guild([{ name: 'Work' }]);
    const member = await h.member(guild);
    await h.driver.slash(member, 'clockin', { category: 'work' });
    h.clock.advance(90 * 60_000);
    await h.restartService();
    const out = await h.driver.slash(member, 'clockout');
    expect(out.text).toMatch(/Duration\n1h 30m/);
    const summary = await h.storage.userSummary(guild.id, member.userId, h.clock.now());
    expect(summary.ok && summary.value.allTimeMs).toBeGreaterThanOrEqual(90 * 60_000);
  });
});

describe('/whoclocked', () => {
  it('lists who is in, longest first, ten per page, with ◀ ▶', async () => {
    const guild = await h.guild([{ name: 'Work' }]);
    const members = [];
    for (let i = 0; i < 12; i++) {
      const member = await h.member(guild);
      members.push(member);
      await h.driver.slash(member, 'clockin', { category: 'work' });
      h.clock.advance(60_000);
    }
    const page1 = await h.driver.slash(members[0]!, 'whoclocked');
    expect(page1.ephemeral).toBe(true);
    expect(page1.text).toContain('Clocked in now — 12');
    expect(page1.text).toContain(`**1.** <@${members[0]!.userId}>`);
    expect(page1.text).toContain('Page 1 of 2');
    const page2 = await h.driver.click(members[0]!, page1.message!, 'Next');
    expect(page2.type).toBe(7);
    expect(page2.text).toContain(`**12.** <@${members[11]!.userId}>`);
    expect(page2.text).not.toContain(`<@${members[0]!.userId}>`);
    expect(page2.text).toContain('Page 2 of 2');
  });
});
