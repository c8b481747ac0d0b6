/**
 * Permissions completed, through the real gateway and the emulator: a suspended member is refused at
 * clock-in with the reason (audited, in the activity log), and "I worked until…" on the auto-close DM
 * becomes a request that a manager approves, changing the member's totals.
 */
import { DateTime } from 'luxon';
import {
  HOUR,
  MINUTE,
  awaitDmMatching,
  awaitPostMatching,
  startProduct,
  textOf,
  value,
  type Product,
  type TestGuild,
} from './support';

jest.setTimeout(90_000);

let p: Product;
beforeAll(async () => {
  p = await startProduct();
}, 60_000);
afterAll(async () => {
  await p?.stop();
});

const hhmm = (ms: number): string => DateTime.fromMillis(ms, { zone: 'UTC' }).toFormat('HH:mm');

describe('a suspended member', () => {
  let g: TestGuild;
  let logChannelId: string;

  beforeAll(async () => {
    g = await p.guild(0);
    logChannelId = (await p.emulator.control.createChannel(g.id, { name: 'log' })).id;
    await p.members.command(g.admin, 'activitylog', { sub: 'set', options: { channel: logChannelId } });
  });

  it('cannot clock in and is told why and until when; lifting it lets them in again', async () => {
    const sam = await g.member();
    const until = DateTime.fromMillis(p.clock.now(), { zone: 'UTC' })
      .plus({ days: 3 })
      .toFormat('yyyy-MM-dd');
    const suspended = await p.members.command(g.admin, 'timesheet', {
      sub: 'suspend',
      options: { user: sam.userId, reason: 'Missed three shifts', until },
    });
    expect(suspended.ephemeral).toBe(true);
    expect(suspended.text).toContain(`Suspended <@${sam.userId}> until`);

    const refused = await p.members.command(sam, 'clockin', { options: { category: 'work' } });
    expect(refused.ephemeral).toBe(true);
    expect(refused.text).toContain("You're suspended on this server (until <t:");
    expect(refused.text).toContain('Missed three shifts');
    expect(refused.text).toContain('Nothing was changed');
    expect(await p.storage.activeSession(g.id, sam.userId)).toBeNull();

    const help = await p.members.command(sam, 'help');
    expect(help.text).toContain("You're suspended");
    expect(help.text).not.toContain('/timesheet');

    const post = await awaitPostMatching(p.emulator.control, logChannelId, /Member suspended/);
    expect(textOf(post)).toContain('Missed three shifts');
    const audit = value(await p.storage.auditPage(g.id, { userId: sam.userId, limit: 5 })).items;
    expect(audit[0]!.fields).toMatchObject({ type: 'member.suspended', actor: g.admin.userId });

    const lifted = await p.members.command(g.admin, 'timesheet', {
      sub: 'unsuspend',
      options: { user: sam.userId, reason: 'Talked it through' },
    });
    expect(lifted.text).toContain('Lifted the suspension');
    await awaitPostMatching(p.emulator.control, logChannelId, /Suspension lifted/);
    const clockedIn = await p.members.command(sam, 'clockin', { options: { category: 'work' } });
    expect(clockedIn.text).toContain("You're clocked into **Work**");
  });
});

describe('"I worked until…" after an automatic clock-out', () => {
  let g: TestGuild;
  let reviewChannelId: string;

  beforeAll(async () => {
    g = await p.guild(1);
    reviewChannelId = (await p.emulator.control.createChannel(g.id, { name: 'requests' })).id;
    await p.members.command(g.admin, 'timesheet', { sub: 'channel', options: { channel: reviewChannelId } });
    await p.members.command(g.admin, 'config', { sub: 'max-session', options: { hours: 2 } });
  });

  it('becomes a request; nothing changes until a manager approves, then the totals change', async () => {
    const uma = await g.member();
    const start = Math.ceil((p.clock.now() + MINUTE) / MINUTE) * MINUTE;
    p.clock.set(start);
    await p.members.command(uma, 'clockin', { options: { category: 'work' } });
    const active = (await p.storage.activeSession(g.id, uma.userId))!;
    p.clock.set(start + 2 * HOUR + 5_000);
    await awaitDmMatching(p.emulator.control, uma.userId, /Still working\?/);
    p.clock.set(start + 3 * HOUR + 10_000);
    const notice = await awaitDmMatching(p.emulator.control, uma.userId, /flagged for an admin to review/);
    const [closed] = value(
      await p.storage.sessionsInRange(g.id, { userId: uma.userId, from: 0, to: p.clock.now() }),
    ).sessions;
    expect(closed).toMatchObject({ id: active.id, durationMs: 0 });

    const modal = await p.members.clickInDm(uma.userId, notice, 'I worked until');
    expect(modal.type).toBe(9);
    // After the moment it was closed, or before the start: refused, nothing sent.
    const late = await p.members.submitInDm(
      uma.userId,
      modal,
      { worked_until: hhmm(start + 3 * HOUR + 20 * MINUTE) },
      notice,
    );
    expect(late.text).toContain('after Timekeeper closed the session');
    const earlyText = DateTime.fromMillis(start - 30 * MINUTE, { zone: 'UTC' }).toFormat('yyyy-MM-dd HH:mm');
    const early = await p.members.submitInDm(uma.userId, modal, { worked_until: earlyText }, notice);
    expect(early.text).toContain('before your session started');
    // A forged custom_id (a later close moment) fails its signature.
    const forgedId = (modal.data.custom_id as string).replace(
      /:([0-9a-z]+):([^:]+)$/,
      (_m, at: string, tag: string) => `:${(parseInt(at, 36) + HOUR).toString(36)}:${tag}`,
    );
    const forged = await p.members.submitInDm(
      uma.userId,
      { ...modal, data: { ...modal.data, custom_id: forgedId } },
      { worked_until: hhmm(start + 3 * HOUR + 20 * MINUTE) },
      notice,
    );
    expect(forged.text).not.toContain('sent to the managers');
    expect(await p.emulator.control.messages(reviewChannelId)).toEqual([]);

    const until = start + 90 * MINUTE;
    const sent = await p.members.submitInDm(uma.userId, modal, { worked_until: hhmm(until) }, notice);
    expect(sent.text).toContain('Nothing changes until one of them approves it');
    const replay = await p.members.submitInDm(uma.userId, modal, { worked_until: hhmm(until) }, notice);
    expect(replay.text).toContain('You already asked about this session');
    const post = await awaitPostMatching(p.emulator.control, reviewChannelId, /Correction request/);
    expect(textOf(post)).toContain(`${hhmm(until)} \\(answer to the automatic clock`);
    expect((await p.emulator.control.messages(reviewChannelId)).length).toBe(1);
    expect(value(await p.storage.userSummary(g.id, uma.userId, p.clock.now())).allTimeMs).toBe(0);

    const approved = await p.members.click(g.admin, post, 'Approve');
    expect(approved.text).toContain(`Approved by <@${g.admin.userId}>`);
    const [after] = value(
      await p.storage.sessionsInRange(g.id, { userId: uma.userId, from: 0, to: p.clock.now() }),
    ).sessions;
    const worked = until - active.start;
    expect(after).toMatchObject({ id: active.id, end: until, durationMs: worked });
    expect(value(await p.storage.userSummary(g.id, uma.userId, p.clock.now())).allTimeMs).toBe(worked);
    await awaitDmMatching(p.emulator.control, uma.userId, /Your timesheet was changed/);
    // Approving again changes nothing.
    const twice = await p.members.click(g.admin, post, 'Approve');
    expect(twice.text).toContain('already approved or denied');
    expect(value(await p.storage.userSummary(g.id, uma.userId, p.clock.now())).allTimeMs).toBe(worked);
  });
});
