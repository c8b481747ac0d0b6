import type { ClockForcedEvent, DmSendJob } from '@timekeeper/contracts';
import { buttonId } from '@timekeeper/testing';
import { useTimecardHarness } from '../support/harness';

const h = useTimecardHarness();

async function activeUsers(guildId: string): Promise<string[]> {
  const read = await h.storage.activeSessions(guildId);
  if (!read.ok) throw new Error('read failed');
  return read.value.map((s) => s.userId);
}

describe('/forceclockout', () => {
  it('managers only: a member is refused and nothing changes', async () => {
    const guild = await h.guild();
    const worker = await h.member(guild);
    const member = await h.member(guild);
    await h.driver.slash(worker, 'clockin', { category: 'work' });
    const refused = await h.driver.slash(member, 'forceclockout', { user: worker.userId, reason: 'nope' });
    expect(refused.ephemeral).toBe(true);
    expect(refused.text).toContain('Only managers');
    expect(await activeUsers(guild.id)).toEqual([worker.userId]);
  });

  it('stores actor and reason, queues the DM, publishes the event; a manager role from settings counts', async () => {
    const guild = await h.guild([{ name: 'Work' }]);
    const role = await h.emulator.control.createRole(guild.id, { name: 'Leads' });
    await h.storage.updateSettings(
      guild.id,
      { managerRoleIds: [role.id] },
      { eventId: `mgr-${guild.id}`, now: h.clock.now(), actor: guild.memberIds[0]! },
    );
    const lead = await h.member(guild, { roles: [role.id] });
    const worker = await h.member(guild);
    await h.driver.slash(worker, 'clockin', { category: 'work' });
    h.clock.advance(2 * 3_600_000);

    const done = await h.driver.slash(lead, 'forceclockout', {
      user: worker.userId,
      reason: 'Forgot to clock out',
    });
    expect(done.ephemeral).toBe(true);
    expect(done.text).toContain(`Ended <@${worker.userId}>'s session in **Work**`);
    expect(done.text).toMatch(/Credited\n2h 00m/);
    expect(await activeUsers(guild.id)).toEqual([]);

    const range = await h.storage.sessionsInRange(guild.id, {
      userId: worker.userId,
      from: 0,
      to: Date.UTC(2100, 0),
    });
    expect(range.ok && range.value.sessions[0]).toMatchObject({
      closedBy: lead.userId,
      reason: 'Forgot to clock out',
      flags: expect.objectContaining({ forced: true }),
    });
    const event = await h.recorder.waitFor(
      () =>
        h.recorder.events.find(
          (e): e is ClockForcedEvent => e.type === 'clock.forced' && e.userId === worker.userId,
        ),
      'clock.forced event',
    );
    expect(event).toMatchObject({ actorId: lead.userId, reason: 'Forgot to clock out', guildId: guild.id });
    const dm = await h.recorder.waitFor(
      () => h.recorder.jobs.find((j): j is DmSendJob => j.kind === 'dm.send' && j.userId === worker.userId),
      'DM job',
    );
    expect(dm.purpose).toBe('force-clockout');
    expect(JSON.stringify(dm.embeds)).toContain(`<@${lead.userId}> clocked you out of **Work**`);
    expect(JSON.stringify(dm.embeds)).toContain('Forgot to clock out');

    const again = await h.driver.slash(lead, 'forceclockout', { user: worker.userId });
    expect(again.text).toContain(`<@${worker.userId}> isn't clocked in`);
  });
});

describe('shared dashboards and buttons', () => {
  it('a member without rights cannot post a shared dashboard', async () => {
    const guild = await h.guild();
    const member = await h.member(guild);
    const refused = await h.driver.slash(member, 'dashboard');
    expect(refused.text).toContain('Only managers can post a shared dashboard');
    expect(await h.storage.getDashboard(guild.id, guild.channelIds[0]!)).toBeNull();
    const messages = await h.emulator.control.messages(guild.channelIds[0]!);
    expect(messages.filter((m) => !((m.flags ?? 0) & 64))).toEqual([]);
  });

  it("another member's clock-out button and menu are refused and change nothing", async () => {
    const guild = await h.guild();
    const owner = await h.member(guild);
    const other = await h.member(guild);
    await h.driver.slash(owner, 'clockin', { category: 'work' });
    const offer = await h.driver.slash(owner, 'clockin', { category: 'work' });
    const refused = await h.driver.click(other, offer.message!, 'Clock out');
    expect(refused.text).toContain('belong to someone else');
    expect(await activeUsers(guild.id)).toEqual([owner.userId]);

    const personal = await h.driver.slash(other, 'dashboard', { personal: true });
    const menu = await h.driver.click(other, personal.message!, 'Clock in');
    const hijack = await h.driver.choose(owner, menu.message!, 'break');
    expect(hijack.text).toContain('belong to someone else');
    expect(await activeUsers(guild.id)).toEqual([owner.userId]);
  });

  it('a tampered button is refused', async () => {
    const guild = await h.guild();
    const member = await h.member(guild);
    const forged = `timecard:dash-out:${guild.id}:AAAAAAAA`;
    const refused = await h.driver.clickId(member, forged);
    expect(refused.text).toContain('no longer valid');
  });
});

describe('two guilds', () => {
  it('a button made in guild A is refused in guild B and reads or changes nothing there', async () => {
    const a = await h.guild();
    const b = await h.guild();
    const manager = await h.member(a, { manager: true });
    await h.driver.slash(manager, 'dashboard');
    const dashboard = (await h.emulator.control.messages(a.channelIds[0]!)).find(
      (m) => !((m.flags ?? 0) & 64) && m.components?.length,
    )!;
    const memberB = await h.member(b);
    await h.driver.slash(memberB, 'clockin', { category: 'work' });
    const ids = dashboard.components!.flatMap((row) =>
      'components' in row ? row.components.map((c) => ('custom_id' in c ? c.custom_id : '')) : [],
    );
    expect(ids).toHaveLength(4);
    for (const customId of ids) {
      const answer = await h.driver.clickId(memberB, customId);
      expect(answer.text).toContain('belongs to another server');
    }
    expect(await activeUsers(b.id)).toEqual([memberB.userId]);
    expect(await activeUsers(a.id)).toEqual([]);

    // An "already clocked in" answer from B, replayed in A, is refused as well.
    const offer = await h.driver.slash(memberB, 'clockin', { category: 'break' });
    const foreign = await h.driver.clickId(
      { guildId: a.id, userId: memberB.userId },
      buttonId(offer.message!, 'Switch to'),
    );
    expect(foreign.text).toContain('belongs to another server');
    expect(await activeUsers(a.id)).toEqual([]);
    expect(await activeUsers(b.id)).toEqual([memberB.userId]);
  });
});
