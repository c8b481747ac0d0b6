/**
 * Who may use each `/timesheet` subcommand, `/request`, `/help`, `/clockin` and the review and request
 * buttons: a table of command × role set (member, suspended member, manager role, Manage Server,
 * Administrator) → allowed or refused. Every refusal is checked to change nothing (sessions, locks,
 * suspensions, settings, requests, the audit trail).
 */
import { DateTime } from 'luxon';
import { PermissionFlagsBits, type APIMessage } from 'discord-api-types/v10';
import { createCustomIdCodec } from '@timekeeper/contracts';
import type { GuildView, OptionValue } from '@timekeeper/discord-emulator';
import { SYSTEM_ACTOR } from '@timekeeper/storage';
import { customIds } from '../../src/ids';
import { buttonId, type Answer, type Member } from '@timekeeper/testing';
import { CUSTOM_ID_SECRET, TimecardHarness } from '../support/harness';

const HOUR = 3_600_000;

let h: TimecardHarness;
let guild: GuildView;
let worker: Member;
let manager: Member;
let sessionId: string;
/** A member the suspend rows act on. */
let spare: Member;
/** A session closed automatically (flagged for review). */
let flaggedId: string;
const REQUEST_ID = 'rq-rights';
/** One hour after the session's start, as typed (`YYYY-MM-DD HH:MM`, the server's zone is UTC). */
let editEnd: string;

type RoleSet = 'member' | 'suspended member' | 'manager role' | 'Manage Server' | 'Administrator';
const ROLE_SETS: RoleSet[] = ['member', 'suspended member', 'manager role', 'Manage Server', 'Administrator'];
const isMember = (set: RoleSet): boolean => set === 'member' || set === 'suspended member';
let managerRoleId: string;
let seq = 0;
let otherRoleId: string;

async function memberWith(set: RoleSet): Promise<Member> {
  const view = await h.emulator.control.addMember(guild.id, {
    ...(set === 'manager role' ? { roles: [managerRoleId] } : {}),
    ...(set === 'Manage Server' ? { permissions: String(PermissionFlagsBits.ManageGuild) } : {}),
    ...(set === 'Administrator' ? { permissions: String(PermissionFlagsBits.Administrator) } : {}),
  });
  if (set === 'suspended member') {
    await h.storage.suspendMember(
      { guildId: guild.id, userId: view.userId, until: null },
      { eventId: `suspend-${++seq}`, now: h.clock.now(), actor: manager.userId, reason: 'on leave' },
    );
  }
  return { guildId: guild.id, userId: view.userId };
}

function run(member: Member, sub: string, options: Record<string, OptionValue>): Promise<Answer> {
  return h.driver.answer(
    h.emulator.control.slash({ ...member, name: 'timesheet', subcommand: sub, options }),
  );
}

/** Everything a refusal must leave alone. */
async function state(): Promise<string> {
  const [sessions, audit, locks, queue, settings, suspension, request, active] = await Promise.all([
    h.storage.sessionsInRange(guild.id, { from: 0, to: Date.UTC(2100, 0) }),
    h.storage.auditPage(guild.id, { limit: 50 }),
    h.storage.periodLocks(guild.id),
    h.storage.reviewQueue(guild.id),
    h.storage.getSettings(guild.id),
    h.storage.suspension(guild.id, spare.userId, h.clock.now()),
    h.storage.readDraft(guild.id, REQUEST_ID),
    h.storage.activeSessions(guild.id),
  ]);
  return JSON.stringify([sessions, audit, locks, queue, settings, suspension, request, active]);
}

beforeAll(async () => {
  h = await TimecardHarness.start();
  guild = await h.guild();
  managerRoleId = (await h.emulator.control.createRole(guild.id, { name: 'Leads' })).id;
  otherRoleId = (await h.emulator.control.createRole(guild.id, { name: 'Crew' })).id;
  await h.storage.updateSettings(
    guild.id,
    { managerRoleIds: [managerRoleId] },
    { eventId: 'mgr-role', now: h.clock.now(), actor: guild.memberIds[0]! },
  );
  worker = await h.member(guild);
  manager = await h.member(guild, { manager: true });
  spare = await h.member(guild);
  await h.driver.slash(worker, 'clockin', { category: 'work' });
  h.clock.advance(3 * HOUR);
  await h.driver.slash(worker, 'clockout');
  const read = await h.storage.sessionsInRange(guild.id, {
    userId: worker.userId,
    from: 0,
    to: Date.UTC(2100, 0),
  });
  if (!read.ok) throw new Error('read');
  sessionId = read.value.sessions[0]!.id;
  editEnd = DateTime.fromMillis(read.value.sessions[0]!.start + HOUR, { zone: 'UTC' }).toFormat(
    'yyyy-MM-dd HH:mm',
  );
  // A flagged session (closed automatically) for the review buttons, and the review channel for /request.
  await h.driver.slash(spare, 'clockin', { category: 'work' });
  h.clock.advance(HOUR);
  const active = await h.storage.activeSession(guild.id, spare.userId);
  await h.storage.closeSessionAt(
    {
      guildId: guild.id,
      userId: spare.userId,
      sessionId: active!.id,
      end: h.clock.now() - 30 * 60_000,
      how: 'auto',
    },
    { eventId: 'auto-close', now: h.clock.now(), actor: SYSTEM_ACTOR },
  );
  flaggedId = active!.id;
  await run(manager, 'channel', { channel: guild.channelIds[0]! });
}, 30_000);
afterAll(async () => {
  await h?.stop();
});

const SUBCOMMANDS: [string, () => Record<string, OptionValue>, RegExp][] = [
  ['list', () => ({ user: worker.userId, period: 'week' }), /Timesheet/],
  [
    'edit',
    () => ({ user: worker.userId, session: sessionId, end: editEnd, reason: 'fix the end' }),
    /preview/,
  ],
  [
    'add',
    () => ({ user: worker.userId, category: 'work', start: '00:00', end: '00:01', reason: 'forgotten' }),
    /preview|future|overlap/i,
  ],
  ['delete', () => ({ user: worker.userId, session: sessionId, reason: 'duplicate' }), /preview/],
  ['audit', () => ({ user: worker.userId }), /Audit trail/],
  ['review', () => ({}), /Review queue/],
  ['lock', () => ({ period: 'last-month', reason: 'approved' }), /locked/],
  ['unlock', () => ({ period: 'last-month', reason: 'reopened' }), /nlocked|not locked/],
  ['channel', () => ({ channel: guild.channelIds[0]! }), /will be posted/],
  ['suspend', () => ({ user: spare.userId, reason: 'no-show' }), /Suspended/],
  ['unsuspend', () => ({ user: spare.userId, reason: 'back' }), /Lifted|not suspended/],
  ['require-role', () => ({ action: 'clear' }), /Anyone may clock in/],
  ['currency', () => ({ code: 'EUR' }), /Pay is shown in \*\*EUR\*\*/],
  ['rate', () => ({ amount: '12.50', role: managerRoleId }), /EUR 12\.50\*\* an hour/],
  ['rates', () => ({}), /Pay and targets/],
  ['target', () => ({ role: managerRoleId, period: 'week', hours: 10 }), /10\.00 h\*\* a week/],
  ['targets', () => ({}), /Targets/],
  ['target-reminder', () => ({ hours: 24 }), /get a DM 24 hours before/],
];

describe('pay and targets: bad input is refused and changes nothing', () => {
  const cases: [string, string, () => Record<string, OptionValue>, RegExp][] = [
    ['an unknown currency', 'currency', () => ({ code: 'XYZ' }), /isn't a currency code/],
    ['a negative rate', 'rate', () => ({ amount: '-5', role: otherRoleId }), /isn't an hourly rate/],
    ['a zero rate', 'rate', () => ({ amount: '0', category: 'work' }), /more than zero/],
    ['an absurd rate', 'rate', () => ({ amount: '250000', category: 'work' }), /at most 100,000/],
    ['too many decimals', 'rate', () => ({ amount: '1.005', category: 'work' }), /at most 2 after the point/],
    [
      'a rate for two scopes',
      'rate',
      () => ({ amount: '10', category: 'work', user: worker.userId }),
      /exactly one/,
    ],
    ['an unknown category', 'rate', () => ({ amount: '10', category: 'nope' }), /no category "nope"/],
    [
      'a weekly target above a week',
      'target',
      () => ({ role: otherRoleId, period: 'week', hours: 200 }),
      /between 1 minute and 168 hours/,
    ],
    [
      'a target too small',
      'target',
      () => ({ role: otherRoleId, period: 'month', hours: 0.001 }),
      /between 1 minute/,
    ],
    [
      'removing a target that is not set',
      'target',
      () => ({ role: otherRoleId, period: 'week', hours: 0 }),
      /has no target/,
    ],
  ];
  it.each(cases)('%s', async (_name, sub, options, refusal) => {
    await run(manager, 'currency', { code: 'EUR' });
    const before = await state();
    const answer = await run(manager, sub, options());
    expect(answer.ephemeral).toBe(true);
    expect(answer.text).toMatch(refusal);
    expect(answer.text).toContain('Nothing was changed');
    expect(await state()).toBe(before);
  });
});

describe('/timesheet: command × role set', () => {
  const table = SUBCOMMANDS.flatMap(([sub, options, allowed]) =>
    ROLE_SETS.map((set) => [sub, set, options, allowed] as const),
  );
  it.each(table)('%s as %s', async (sub, set, options, allowed) => {
    const actor = await memberWith(set);
    const before = await state();
    const answer = await run(actor, sub, options());
    expect(answer.ephemeral).toBe(true);
    if (isMember(set)) {
      expect(answer.text).toContain('Only managers');
      expect(await state()).toBe(before);
    } else {
      expect(answer.text).not.toContain('Only managers');
      expect(answer.text).toMatch(allowed);
    }
  });
});

describe('/request, /help and /clockin: command × role set', () => {
  it.each(ROLE_SETS)('/request as %s is allowed and changes nothing until approved', async (set) => {
    const actor = await memberWith(set);
    const before = await state();
    const answer = await h.driver.slash(actor, 'request', {
      reason: 'forgot to clock',
      category: 'work',
      start: '00:00',
      end: '00:01',
    });
    expect(answer.ephemeral).toBe(true);
    expect(answer.text).toMatch(/sent to the managers|future/);
    expect(await state()).toBe(before);
  });

  it.each(ROLE_SETS)('/help as %s lists what that role may use', async (set) => {
    const actor = await memberWith(set);
    const before = await state();
    const answer = await h.driver.slash(actor, 'help');
    expect(answer.ephemeral).toBe(true);
    expect(answer.text.includes('/timesheet')).toBe(!isMember(set));
    expect(answer.text.includes("You're suspended")).toBe(set === 'suspended member');
    expect(await state()).toBe(before);
  });

  it.each(ROLE_SETS)('/clockin as %s', async (set) => {
    const actor = await memberWith(set);
    const before = await state();
    const answer = await h.driver.slash(actor, 'clockin', { category: 'work' });
    if (set === 'suspended member') {
      expect(answer.text).toContain("You're suspended on this server (until a manager lifts it)");
      expect(answer.text).toContain('on leave');
      expect(await state()).toBe(before);
    } else {
      expect(answer.text).toMatch(/Clocked in/i);
      await h.driver.slash(actor, 'clockout');
    }
  });
});

describe('review and request buttons: role set → allowed or refused', () => {
  const ids = () => customIds(createCustomIdCodec({ secret: CUSTOM_ID_SECRET }));
  const BUTTONS: [string, () => string, RegExp][] = [
    ['review Accept', () => ids().review(guild.id, flaggedId).accept, /Session accepted|already reviewed/],
    // Allowed, these open a modal (no text) or say the session was already reviewed.
    ['review Adjust end', () => ids().review(guild.id, flaggedId).adjust, /^$|already reviewed/],
    ['review Delete', () => ids().review(guild.id, flaggedId).delete, /^$|already reviewed/],
    ['request Deny', () => ids().request(guild.id, REQUEST_ID).deny, /^$/],
    ['request Approve', () => ids().request(guild.id, REQUEST_ID).approve, /Approved|already approved/],
  ];
  beforeAll(async () => {
    const start = h.clock.now() - 20 * HOUR;
    await h.storage.saveDraft(guild.id, REQUEST_ID, {
      guildId: guild.id,
      userId: worker.userId,
      actor: worker.userId,
      reason: 'missing shift',
      kind: 'add',
      category: 'work',
      start,
      end: start + HOUR,
    });
  });
  const table = BUTTONS.flatMap(([name, id, allowed]) =>
    ROLE_SETS.map((set) => [name, set, id, allowed] as const),
  );
  it.each(table)('%s pressed by %s', async (_name, set, id, allowed) => {
    const actor = await memberWith(set);
    const before = await state();
    const answer = await h.driver.clickId(actor, id());
    if (isMember(set)) {
      expect(answer.text).toContain('Only managers');
      expect(await state()).toBe(before);
    } else {
      expect(answer.text).not.toContain('Only managers');
      expect(answer.text).toMatch(allowed);
    }
  });
});

describe('the Confirm button', () => {
  let preview: Answer;
  let message: APIMessage;
  beforeAll(async () => {
    preview = await run(manager, 'delete', { user: worker.userId, session: sessionId, reason: 'duplicate' });
    message = preview.message!;
  });

  it.each(ROLE_SETS)('pressed by another %s is refused and changes nothing', async (set) => {
    const other = await memberWith(set);
    const before = await state();
    const answer = await h.driver.click(other, message, 'Confirm');
    expect(answer.text).toMatch(isMember(set) ? /Only managers/ : /Only the manager who previewed/);
    expect(await state()).toBe(before);
  });

  it('a forged custom_id (altered draft) is refused by its signature and changes nothing', async () => {
    const id = buttonId(message, 'Confirm');
    const forged = id.replace(
      /:(\d+):([^:]+)$/,
      (_m, draft: string, tag: string) => `:${draft.slice(0, -1)}${draft.endsWith('1') ? '2' : '1'}:${tag}`,
    );
    const before = await state();
    const answer = await h.driver.clickId(manager, forged);
    expect(answer.text).toMatch(/no longer valid|couldn't be read/);
    expect(await state()).toBe(before);
  });

  it('the manager who previewed it applies it once; pressed again it changes nothing', async () => {
    const done = await h.driver.click(manager, message, 'Confirm');
    expect(done.text).toContain('Session deleted');
    const after = await state();
    const again = await h.driver.click(manager, message, 'Confirm');
    expect(again.text).toContain('already applied');
    expect(await state()).toBe(after);
  });
});
