/**
 * Timesheet management through the real gateway: a correction from preview to the activity log and
 * the member's DM, a locked week refusing a correction, a flagged session reviewed, the audit trail,
 * and refusals for members without the right.
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
  type Member,
  type TestGuild,
} from './support';
import { buttonId, forFile } from '@timekeeper/testing';

jest.setTimeout(90_000);

const p = forFile(startProduct, (product) => product.stop(), 90_000);

const hhmm = (ms: number): string => DateTime.fromMillis(ms, { zone: 'UTC' }).toFormat('HH:mm');

async function sessionsOf(g: TestGuild, m: Member) {
  return value(await p.storage.sessionsInRange(g.id, { userId: m.userId, from: 0, to: p.clock.now() + 1 }))
    .sessions;
}

describe('timesheet corrections by a manager', () => {
  let g: TestGuild;
  let manager: Member;
  let sam: Member;
  let logChannelId: string;
  let start: number;

  beforeAll(async () => {
    g = await p.guild(0);
    manager = g.admin;
    sam = await g.member();
    logChannelId = (await p.emulator.control.createChannel(g.id, { name: 'timesheets' })).id;
    await p.members.command(manager, 'activitylog', { sub: 'set', options: { channel: logChannelId } });
    // Sam works three hours, starting on a whole minute.
    start = Math.ceil((p.clock.now() + MINUTE) / MINUTE) * MINUTE;
    p.clock.set(start);
    await p.members.command(sam, 'clockin', { options: { category: 'work' } });
    p.clock.set(start + 3 * HOUR);
    await p.members.command(sam, 'clockout');
  });

  it('members cannot use /timesheet, and nothing changes', async () => {
    const [session] = await sessionsOf(g, sam);
    const auditBefore = value(await p.storage.auditPage(g.id, { limit: 50 })).items.length;
    for (const sub of ['list', 'review', 'audit']) {
      const answer = await p.members.command(sam, 'timesheet', {
        sub,
        options: sub === 'list' ? { user: sam.userId, period: 'week' } : {},
      });
      expect(answer.ephemeral).toBe(true);
      expect(answer.text).toContain('Only managers');
    }
    const refused = await p.members.command(sam, 'timesheet', {
      sub: 'delete',
      options: { user: sam.userId, session: session!.id, reason: 'mine' },
    });
    expect(refused.text).toContain('Only managers');
    expect(await sessionsOf(g, sam)).toHaveLength(1);
    expect(value(await p.storage.auditPage(g.id, { limit: 50 })).items).toHaveLength(auditBefore);
  });

  it('an edit is previewed, applied once on Confirm, posted to the activity log and DMed to the member', async () => {
    const [session] = await sessionsOf(g, sam);
    const newEnd = start + 2 * HOUR + 30 * MINUTE;
    const preview = await p.members.command(manager, 'timesheet', {
      sub: 'edit',
      options: { user: sam.userId, session: session!.id, end: hhmm(newEnd), reason: 'Left early, confirmed' },
    });
    expect(preview.ephemeral).toBe(true);
    expect(preview.text).toContain('Edit a session — preview');
    // The member clocked in a moment after `start`: decimal hours round to the hundredth.
    expect(preview.text).toContain('(3.00 h)');
    expect(preview.text).toContain('(2.50 h)');
    expect(preview.text).toContain('−30m');
    // Nothing is written before Confirm.
    expect((await sessionsOf(g, sam))[0]!.end).toBe(session!.end);

    const confirmId = buttonId(preview.message!, 'Confirm');
    const done = await p.members.clickId(manager, confirmId, preview.message!);
    expect(done.text).toContain('Session corrected');
    const [after] = await sessionsOf(g, sam);
    expect(after).toMatchObject({
      end: newEnd,
      durationMs: newEnd - session!.start,
      flags: { edited: true },
    });
    expect(value(await p.storage.userSummary(g.id, sam.userId, p.clock.now())).allTimeMs).toBe(
      newEnd - session!.start,
    );

    const post = await awaitPostMatching(p.emulator.control, logChannelId, /Session edited/);
    expect(textOf(post)).toContain('Left early, confirmed');
    const dm = await awaitDmMatching(p.emulator.control, sam.userId, /Your timesheet was changed/);
    expect(textOf(dm)).toContain(`<@${manager.userId}> corrected a session`);
    expect(textOf(dm)).toContain('Left early, confirmed');

    // Pressing Confirm again (a replayed id) finds the draft applied and changes nothing.
    const audit = value(await p.storage.auditPage(g.id, { userId: sam.userId, limit: 50 })).items;
    const again = await p.members.clickId(manager, confirmId, preview.message!);
    expect(again.text).toContain('already applied');
    expect(value(await p.storage.auditPage(g.id, { userId: sam.userId, limit: 50 })).items).toHaveLength(
      audit.length,
    );
    expect(audit[0]!.fields).toMatchObject({ type: 'session.edited', actor: manager.userId });
  });

  it('a missing session is added; one overlapping another is refused with the session named', async () => {
    const from = start + 4 * HOUR;
    const overlap = await p.members.command(manager, 'timesheet', {
      sub: 'add',
      options: {
        user: sam.userId,
        category: 'work',
        start: DateTime.fromMillis(start + HOUR, { zone: 'UTC' }).toFormat('yyyy-MM-dd HH:mm'),
        end: hhmm(start + 2 * HOUR),
        reason: 'Forgot to clock',
      },
    });
    const refused = await p.members.click(manager, overlap.message!, 'Confirm');
    expect(refused.text).toContain('would overlap another session');
    expect(await sessionsOf(g, sam)).toHaveLength(1);

    p.clock.set(from + 2 * HOUR);
    const preview = await p.members.command(manager, 'timesheet', {
      sub: 'add',
      options: {
        user: sam.userId,
        category: 'work',
        start: DateTime.fromMillis(from, { zone: 'UTC' }).toFormat('yyyy-MM-dd HH:mm'),
        end: hhmm(from + HOUR),
        reason: 'Forgot to clock',
      },
    });
    expect(preview.text).toContain('Add a session — preview');
    const done = await p.members.click(manager, preview.message!, 'Confirm');
    expect(done.text).toContain('Session added');
    expect(await sessionsOf(g, sam)).toHaveLength(2);
    await awaitPostMatching(p.emulator.control, logChannelId, /Session added/);

    const list = await p.members.command(manager, 'timesheet', {
      sub: 'list',
      options: { user: sam.userId, period: 'month' },
    });
    expect(list.text).toContain('(3.50 h)');
  });

  it('a locked week refuses corrections until unlocked; the audit trail shows who and why', async () => {
    const lock = await p.members.command(manager, 'timesheet', {
      sub: 'lock',
      options: { period: 'week', user: sam.userId, reason: 'Approved for payroll' },
    });
    expect(lock.text).toContain('Approved and locked');
    const [first] = await sessionsOf(g, sam);
    const preview = await p.members.command(manager, 'timesheet', {
      sub: 'delete',
      options: { user: sam.userId, session: first!.id, reason: 'Duplicate' },
    });
    const refused = await p.members.click(manager, preview.message!, 'Confirm');
    expect(refused.text).toContain('approved and locked');
    expect(refused.text).toContain('Nothing was changed');
    expect(await sessionsOf(g, sam)).toHaveLength(2);

    const unlock = await p.members.command(manager, 'timesheet', {
      sub: 'unlock',
      options: { period: 'week', user: sam.userId, reason: 'Late correction' },
    });
    expect(unlock.text).toContain('Unlocked');
    const audit = await p.members.command(manager, 'timesheet', {
      sub: 'audit',
      options: { user: sam.userId },
    });
    expect(audit.text).toContain('unlocked');
    expect(audit.text).toContain('Late correction');
    expect(audit.text).toContain('approved and locked');
    expect(audit.text).toContain('session corrected');
    expect(audit.text).toContain('Left early, confirmed');
  });
});

describe('the review queue', () => {
  it('a capped session is listed, adjusted through a modal and confirmed; its buttons then do nothing', async () => {
    const g = await p.guild(1);
    const manager = g.admin;
    const kim = await g.member();
    await p.members.command(manager, 'config', { sub: 'max-session', options: { hours: 2 } });
    const start = Math.ceil((p.clock.now() + MINUTE) / MINUTE) * MINUTE;
    p.clock.set(start);
    await p.members.command(kim, 'clockin', { options: { category: 'work' } });
    p.clock.set(start + 2 * HOUR + 20 * MINUTE);
    const out = await p.members.command(kim, 'clockout');
    expect(out.text).toMatch(/maximum/i);
    const [flagged] = await sessionsOf(g, kim);
    expect(flagged).toMatchObject({ durationMs: 2 * HOUR, flags: { needsReview: true } });

    const review = await p.members.command(manager, 'timesheet', { sub: 'review' });
    expect(review.text).toContain('1 session(s) flagged');
    expect(review.text).toContain(`<@${kim.userId}>`);
    const modal = await p.members.click(manager, review.message!, '1. Adjust end');
    expect(modal.type).toBe(9);
    const preview = await p.members.submit(manager, modal, {
      end: hhmm(start + 90 * MINUTE),
      reason: 'Kim left at half past',
    });
    expect(preview.text).toContain('(1.50 h)');
    const done = await p.members.click(manager, preview.message!, 'Confirm');
    expect(done.text).toContain('Session corrected');
    const [after] = await sessionsOf(g, kim);
    expect(after).toMatchObject({ end: start + 90 * MINUTE, flags: { needsReview: false } });
    expect(value(await p.storage.reviewQueue(g.id)).total).toBe(0);

    // The queue's buttons check the session's state, not just their signature.
    const stale = await p.members.click(manager, review.message!, '1. Accept');
    expect(stale.text).toContain('already reviewed');
    expect((await sessionsOf(g, kim))[0]).toMatchObject({ end: start + 90 * MINUTE, rev: 1 });
    const empty = await p.members.command(manager, 'timesheet', { sub: 'review' });
    expect(empty.text).toContain('No sessions are waiting');
  });
});

describe('member requests', () => {
  it('a member asks for a correction; a manager approves it in the review channel; totals change', async () => {
    const g = await p.guild(0);
    const manager = g.admin;
    const ann = await g.member();
    const reviewChannelId = (await p.emulator.control.createChannel(g.id, { name: 'requests' })).id;

    const early = await p.members.command(ann, 'request', { options: { reason: 'I forgot to clock' } });
    expect(early.text).toContain("haven't chosen a channel");

    const set = await p.members.command(manager, 'timesheet', {
      sub: 'channel',
      options: { channel: reviewChannelId },
    });
    expect(set.text).toContain(`<#${reviewChannelId}>`);
    const start = Math.ceil((p.clock.now() + MINUTE) / MINUTE) * MINUTE;
    p.clock.set(start);
    await p.members.command(ann, 'clockin', { options: { category: 'work' } });
    p.clock.set(start + HOUR);
    await p.members.command(ann, 'clockout');
    const [session] = await sessionsOf(g, ann);
    const asked = start + 2 * HOUR;
    p.clock.set(start + 3 * HOUR);

    const sent = await p.members.command(ann, 'request', {
      options: { session: session!.id, end: hhmm(asked), reason: 'I kept working after the button' },
    });
    expect(sent.text).toContain('Nothing changes until one of them approves it');
    const post = await awaitPostMatching(p.emulator.control, reviewChannelId, /Correction request/);
    expect(textOf(post)).toContain('I kept working after the button');
    // Nothing changes before approval; a member cannot approve.
    expect((await sessionsOf(g, ann))[0]!.end).toBe(session!.end);
    const selfApprove = await p.members.click(ann, post, 'Approve');
    expect(selfApprove.text).toContain('Only managers');
    expect((await sessionsOf(g, ann))[0]!.end).toBe(session!.end);

    const approved = await p.members.click(manager, post, 'Approve');
    expect(approved.text).toContain(`Approved by <@${manager.userId}>`);
    expect((await sessionsOf(g, ann))[0]).toMatchObject({ end: asked, durationMs: asked - session!.start });
    expect(value(await p.storage.userSummary(g.id, ann.userId, p.clock.now())).allTimeMs).toBe(
      asked - session!.start,
    );
    const dm = await awaitDmMatching(p.emulator.control, ann.userId, /Your timesheet was changed/);
    expect(textOf(dm)).toContain('I kept working after the button');
    const [entry] = value(await p.storage.auditPage(g.id, { userId: ann.userId, limit: 1 })).items;
    expect(entry!.fields).toMatchObject({
      type: 'session.edited',
      actor: manager.userId,
      reason: 'I kept working after the button',
    });

    // A denied request changes nothing and the member is told why.
    await p.members.command(ann, 'request', {
      options: { session: session!.id, end: hhmm(start + 150 * MINUTE), reason: 'A bit longer still' },
    });
    const second = await awaitPostMatching(p.emulator.control, reviewChannelId, /A bit longer still/);
    const modal = await p.members.click(manager, second, 'Deny');
    expect(modal.type).toBe(9);
    const denied = await p.members.submit(manager, modal, { reason: 'We closed at 2' }, second);
    expect(denied.text).toContain('Denied by');
    expect((await sessionsOf(g, ann))[0]!.end).toBe(asked);
    const deniedDm = await awaitDmMatching(p.emulator.control, ann.userId, /request was denied/);
    expect(textOf(deniedDm)).toContain('We closed at 2');
    const twice = await p.members.click(manager, second, 'Approve');
    expect(twice.text).toContain('already approved or denied');
    expect((await sessionsOf(g, ann))[0]!.end).toBe(asked);
  });
});
