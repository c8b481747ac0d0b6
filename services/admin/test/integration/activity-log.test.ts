import type { APIMessage } from 'discord-api-types/v10';
import { useAdminHarness, type TestGuild } from '../support/harness';
import { clockForced, clockIn, clockOut, publish } from '../support/events';

jest.setTimeout(60_000);

const h = useAdminHarness();

async function logChannel(g: TestGuild): Promise<string> {
  const channelId = (await h.emulator.control.createChannel(g.guildId, { name: 'activity' })).id;
  const answer = await h.driver.slash({
    guildId: g.guildId,
    userId: g.adminId,
    name: 'activitylog',
    subcommand: 'set',
    options: { channel: channelId },
  });
  expect(answer.errorCode).toBeUndefined();
  return channelId;
}

/** Messages in the channel after the test line, once `count` are there (or the time is up). */
async function awaitPosts(channelId: string, count: number, ms = 5_000): Promise<APIMessage[]> {
  const until = Date.now() + ms;
  for (;;) {
    const posts = (await h.emulator.control.messages(channelId)).filter(
      (m) => m.embeds[0]?.title !== 'Activity log connected',
    );
    if (posts.length >= count || Date.now() >= until) return posts;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('/activitylog', () => {
  it('sets a channel with a test line, shows it, and disables it', async () => {
    const g = await h.guild();
    const channelId = await logChannel(g);
    const messages = await h.emulator.control.messages(channelId);
    expect(messages.map((m) => m.embeds[0]?.title)).toEqual(['Activity log connected']);
    const settings = await h.storage.getSettings(g.guildId);
    expect(settings.ok && settings.value.activityLogChannelId).toBe(channelId);

    const show = await h.driver.slash({
      guildId: g.guildId,
      userId: g.adminId,
      name: 'activitylog',
      subcommand: 'show',
    });
    expect(show.text).toContain(`<#${channelId}>`);

    const disable = await h.driver.slash({
      guildId: g.guildId,
      userId: g.adminId,
      name: 'activitylog',
      subcommand: 'disable',
    });
    expect(disable.errorCode).toBeUndefined();
    const after = await h.storage.getSettings(g.guildId);
    expect(after.ok && after.value.activityLogChannelId).toBeNull();
    const again = await h.driver.slash({
      guildId: g.guildId,
      userId: g.adminId,
      name: 'activitylog',
      subcommand: 'disable',
    });
    expect(again.text).toContain('already off');
  });

  it("refuses a channel the bot can't post in and saves nothing", async () => {
    const g = await h.guild();
    const channelId = (await h.emulator.control.createChannel(g.guildId, { name: 'gone' })).id;
    // The channel vanishes between choosing it and the test post: Discord answers 404 Unknown Channel.
    const injected = await h.emulator.control.slash({
      guildId: g.guildId,
      userId: g.adminId,
      name: 'activitylog',
      subcommand: 'set',
      options: { channel: channelId },
    });
    const view = await h.emulator.control.interaction(injected.id);
    const payload = JSON.parse(
      JSON.stringify(view.payload).replaceAll(channelId, '1234567890123456789'),
    ) as unknown;
    const answer = await h.driver.runPayload(injected, payload);
    expect(answer.errorCode).toBe('FORBIDDEN');
    expect(answer.text).toContain(
      "I can't post in <#1234567890123456789>: that channel doesn't exist any more",
    );
    const settings = await h.storage.getSettings(g.guildId);
    expect(settings.ok && settings.value.activityLogChannelId).toBeNull();
  });

  it('posts one embed per clock.in / clock.out / clock.forced to the right guild only', async () => {
    const a = await h.guild();
    const b = await h.guild();
    const channelA = await logChannel(a);
    const channelB = await logChannel(b);
    publish(h.nc, clockIn(a.guildId, a.memberId));
    publish(h.nc, clockOut(a.guildId, a.memberId));
    publish(h.nc, clockForced(a.guildId, a.memberId, a.adminId, 'forgot to clock out'));
    publish(h.nc, clockIn(b.guildId, b.memberId));

    const postsA = await awaitPosts(channelA, 3);
    const postsB = await awaitPosts(channelB, 1);
    await new Promise((r) => setTimeout(r, 300)); // nothing more arrives
    expect((await awaitPosts(channelA, 99, 0)).length).toBe(3);
    expect((await awaitPosts(channelB, 99, 0)).length).toBe(1);

    const titles = postsA.map((m) => m.embeds[0]?.title).sort();
    expect(titles).toEqual(['Clocked in', 'Clocked out', 'Forced clock-out']);
    const forced = postsA.find((m) => m.embeds[0]?.title === 'Forced clock-out')!.embeds[0]!;
    expect(forced.description).toContain(
      `<@${a.adminId}> clocked out <@${a.memberId}> from **Work** after **2h 05m**`,
    );
    expect(forced.description).toContain('Reason: forgot to clock out');
    expect(postsB[0]?.embeds[0]?.description).toContain(`<@${b.memberId}> clocked in to **Work**`);
    expect(JSON.stringify(postsB)).not.toContain(a.memberId);
  });

  it('posts an event published while the service was down, once', async () => {
    const g = await h.guild();
    const channelId = await logChannel(g);
    await h.stopAdmin();
    const event = clockIn(g.guildId, g.memberId);
    publish(h.nc, event);
    await h.nc.flush();
    await h.startAdmin();
    const posts = await awaitPosts(channelId, 1);
    expect(posts).toHaveLength(1);
    // The same event delivered again (a redelivery after a crash) is recognised and not posted twice.
    publish(h.nc, event);
    publish(h.nc, clockOut(g.guildId, g.memberId));
    const later = await awaitPosts(channelId, 2);
    await new Promise((r) => setTimeout(r, 300));
    expect((await awaitPosts(channelId, 99, 0)).map((m) => m.embeds[0]?.title)).toEqual([
      'Clocked in',
      'Clocked out',
    ]);
    expect(later).toHaveLength(2);
  });

  it('retries after a server error and drops events for a deleted channel without blocking others', async () => {
    const g = await h.guild();
    const channelId = await logChannel(g);
    await h.emulator.control.injectServerError({
      method: 'POST',
      path: `/channels/${channelId}/messages`,
      count: 4,
      status: 502,
    });
    publish(h.nc, clockIn(g.guildId, g.memberId));
    const posts = await awaitPosts(channelId, 1, 15_000);
    expect(posts).toHaveLength(1);

    const broken = await h.guild();
    await logChannel(broken);
    // Point the broken guild's log at a channel that does not exist.
    await h.storage.updateSettings(
      broken.guildId,
      { activityLogChannelId: '1234567890123456780' },
      { eventId: 'broken-channel', now: Date.now(), actor: broken.adminId },
    );
    await h.stopAdmin();
    await h.startAdmin(); // fresh cache
    publish(h.nc, clockIn(broken.guildId, broken.memberId));
    publish(h.nc, clockOut(g.guildId, g.memberId));
    expect(await awaitPosts(channelId, 2)).toHaveLength(2);
    const metrics = await h.admin!.metrics.registry.getSingleMetricAsString(
      'timekeeper_activity_log_events_total',
    );
    expect(metrics).toMatch(/outcome="dropped"[^}]*} 1/);
  });
});
