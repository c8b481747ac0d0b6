/**
 * What happens around a session, with time moved forward for every service at once: forced clock-outs,
 * the clock-in role, reminders and forgotten clock-outs, all through the real gateway.
 */
import { DateTime } from 'luxon';
import {
  HOUR,
  MINUTE,
  awaitDmMatching,
  awaitPostMatching,
  eventually,
  startProduct,
  textOf,
  value,
  type Member,
  type TestGuild,
} from './support';
import { forFile } from '@timekeeper/testing';

jest.setTimeout(60_000);

const p = forFile(startProduct, (product) => product.stop(), 60_000);

describe('a server with an activity log and a clock-in role', () => {
  let g: TestGuild;
  let logChannelId: string;
  let manager: Member;
  let onDutyId: string;

  beforeAll(async () => {
    g = await p.guild(0);
    manager = g.admin;
    logChannelId = (await p.emulator.control.createChannel(g.id, { name: 'timesheets' })).id;
    const log = await p.members.command(manager, 'activitylog', {
      sub: 'set',
      options: { channel: logChannelId },
    });
    expect(value(await p.storage.getSettings(g.id)).activityLogChannelId).toBe(logChannelId);
    expect(log.ephemeral).toBe(true);
    onDutyId = (await p.emulator.control.createRole(g.id, { name: 'On duty', position: 2 })).id;
  });

  it('a manager force-clocks-out a member: the reason is audited, the member is told, the log shows it', async () => {
    const sam = await g.member();
    await p.members.command(sam, 'clockin', { options: { category: 'work' } });
    const start = (await p.storage.activeSession(g.id, sam.userId))!.start;
    p.clock.set(start + 45 * MINUTE);

    const forced = await p.members.command(manager, 'forceclockout', {
      options: { user: sam.userId, reason: 'Forgot to clock out' },
    });
    expect(forced.ephemeral).toBe(true);
    expect(forced.text).toContain(`Ended <@${sam.userId}>'s session in **Work**`);
    expect(forced.text).toMatch(/Credited\n45m/);
    expect(await p.storage.activeSession(g.id, sam.userId)).toBeNull();

    const audit = value(await p.storage.auditLog(g.id, 20));
    const entry = audit.find((a) => a.fields.type === 'clock.forced');
    expect(entry?.fields).toMatchObject({ actor: manager.userId, reason: 'Forgot to clock out' });

    const dm = await awaitDmMatching(p.emulator.control, sam.userId, /You were clocked out/);
    expect(textOf(dm)).toContain(`<@${manager.userId}> clocked you out of **Work**`);
    expect(textOf(dm)).toContain('Forgot to clock out');
    expect(textOf(dm)).toContain('**45m**');

    const post = await awaitPostMatching(p.emulator.control, logChannelId, /Forced clock-out/);
    expect(textOf(post)).toContain(`<@${sam.userId}>`);
    expect(textOf(post)).toContain('Forgot to clock out');
  });

  it('with a clock-in role set, clocking in gives it and clocking out takes it away', async () => {
    await p.members.command(manager, 'config', { group: 'role', sub: 'set', options: { role: onDutyId } });
    expect(value(await p.storage.getSettings(g.id)).roles.guildRoleId).toBe(onDutyId);
    const kim = await g.member();

    await p.members.command(kim, 'clockin', { options: { category: 'work' } });
    await eventually(
      async () => (await p.emulator.control.member(g.id, kim.userId)).roles.includes(onDutyId),
      'the On duty role to be given',
    );
    await p.members.command(kim, 'clockout');
    await eventually(
      async () => !(await p.emulator.control.member(g.id, kim.userId)).roles.includes(onDutyId),
      'the On duty role to be taken away',
    );
    const changes = await p.emulator.control.roleChanges(g.id, kim.userId);
    expect(changes.map((c) => [c.roleId, c.action])).toEqual([
      [onDutyId, 'add'],
      [onDutyId, 'remove'],
    ]);
  });

  it("a role above Timekeeper's cannot be given: the clock-in stands and admins are told", async () => {
    const high = await p.emulator.control.createRole(g.id, { name: 'Supervisor', position: 20 });
    const set = await p.members.command(manager, 'config', {
      group: 'role',
      sub: 'set',
      options: { role: high.id },
    });
    expect(set.text).toMatch(/above|below|higher/i); // the reply warns before anything fails
    const lee = await g.member();

    const clockIn = await p.members.command(lee, 'clockin', { options: { category: 'work' } });
    expect(clockIn.text).toContain("You're clocked into **Work**");
    const post = await awaitPostMatching(p.emulator.control, logChannelId, /Couldn't give/);
    expect(textOf(post)).toContain(`<@${lee.userId}>`);
    expect(textOf(post)).toContain(`<@&${high.id}>`);
    const notices = await p.storage.listNotices(g.id);
    expect(notices[0]?.message).toContain(`<@&${high.id}>`);

    expect(await p.storage.activeSession(g.id, lee.userId)).toMatchObject({ category: 'work' });
    expect((await p.emulator.control.member(g.id, lee.userId)).roles).not.toContain(high.id);
    expect(await p.emulator.control.roleChanges(g.id, lee.userId)).toEqual([]);
  });
});

describe('a server with reminders every 30 minutes and a 2-hour maximum session', () => {
  let g: TestGuild;
  let start: number;

  beforeAll(async () => {
    g = await p.guild(1);
    await p.members.command(g.admin, 'config', { sub: 'reminders', options: { minutes: 30 } });
    await p.members.command(g.admin, 'config', { sub: 'max-session', options: { hours: 2 } });
    const settings = value(await p.storage.getSettings(g.id));
    expect(settings).toMatchObject({ reminderIntervalMs: 30 * MINUTE, maxSessionMs: 2 * HOUR });
    // Start on a whole minute, so "I stopped at HH:MM" lands on an exact instant.
    start = Math.ceil((p.clock.now() + MINUTE) / MINUTE) * MINUTE;
    p.clock.set(start);
  });

  let ria: Member;
  let tom: Member;
  let uma: Member;

  it('reminds a clocked-in member by DM every 30 minutes as time moves', async () => {
    [ria, tom, uma] = await Promise.all([g.member(), g.member(), g.member()]);
    for (const member of [ria, tom, uma]) {
      const answer = await p.members.command(member, 'clockin', { options: { category: 'work' } });
      expect(answer.text).toContain("You're clocked into **Work**");
    }
    expect(await p.emulator.control.dmMessages(ria.userId)).toEqual([]);

    p.clock.set(start + 31 * MINUTE);
    const first = await awaitDmMatching(p.emulator.control, ria.userId, /You've been clocked in to/);
    expect(first.content).toContain('**Work**');
    expect(JSON.stringify(first.components)).toContain('Mute reminders');

    p.clock.set(start + 61 * MINUTE);
    await eventually(
      async () =>
        (await p.emulator.control.dmMessages(ria.userId)).filter((m) =>
          /You've been clocked in to/.test(m.content),
        ).length === 2,
      'the second reminder',
    );
  });

  it('at the maximum it asks "Still working?"; "I stopped at…" with a time credits exactly up to it', async () => {
    const active = (await p.storage.activeSession(g.id, tom.userId))!;
    p.clock.set(active.start + 2 * HOUR + 5_000);
    const prompt = await awaitDmMatching(p.emulator.control, tom.userId, /Still working\?/);

    const modal = await p.members.clickInDm(tom.userId, prompt, 'I stopped at');
    expect(modal.type).toBe(9);
    const stopAt = start + 90 * MINUTE;
    const hhmm = DateTime.fromMillis(stopAt, { zone: 'UTC' }).toFormat('HH:mm');
    const done = await p.members.submitInDm(tom.userId, modal, { stopped_at: hhmm }, prompt);
    expect(done.type).toBe(7);

    expect(await p.storage.activeSession(g.id, tom.userId)).toBeNull();
    const [session] = value(
      await p.storage.sessionsInRange(g.id, { userId: tom.userId, from: 0, to: p.clock.now() }),
    ).sessions;
    expect(session).toMatchObject({ id: active.id, end: stopAt, durationMs: stopAt - active.start });
    expect(session!.flags.needsReview).toBe(false);
    expect(value(await p.storage.userSummary(g.id, tom.userId, p.clock.now())).allTimeMs).toBe(
      stopAt - active.start,
    );
  });

  it('without an answer the session is closed at the last activity and flagged for review', async () => {
    const active = (await p.storage.activeSession(g.id, uma.userId))!;
    await awaitDmMatching(p.emulator.control, uma.userId, /Still working\?/);
    p.clock.set(active.start + 3 * HOUR + 5_000); // the maximum plus the hour of grace
    const notice = await awaitDmMatching(p.emulator.control, uma.userId, /flagged for an admin to review/);
    expect(notice).toBeDefined();

    expect(await p.storage.activeSession(g.id, uma.userId)).toBeNull();
    const [session] = value(
      await p.storage.sessionsInRange(g.id, { userId: uma.userId, from: 0, to: p.clock.now() }),
    ).sessions;
    expect(session).toMatchObject({
      id: active.id,
      end: active.start,
      durationMs: 0,
      flags: expect.objectContaining({ autoClosed: true, needsReview: true }),
    });
    const audit = value(await p.storage.auditLog(g.id, 50));
    const entry = audit.find(
      (a) => a.fields.type === 'clock.auto-closed' && a.fields.after?.includes(active.id),
    );
    expect(entry?.fields.actor).toBe('timekeeper');
  });
});
