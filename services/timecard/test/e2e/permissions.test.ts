/**
 * A member without rights tries every manager-only command and button through the real gateway: each is
 * refused, and nothing the server has stored changes.
 */
import type { OptionValue } from '@timekeeper/discord-emulator';
import { buttonId } from '@timekeeper/testing';
import { startProduct, value, type CommandPath, type Member, type Product, type TestGuild } from './support';

jest.setTimeout(60_000);

/** The admin service's refusal, or timecard's for its manager-only commands. */
const REFUSAL = /^(You need \*\*Manage Server\*\* or a manager role|Only managers)/;

let p: Product;
let g: TestGuild;
let member: Member;
let clockedIn: Member;
let staffRoleId: string;
let logChannelId: string;
/** The admin's categories list, whose ◀ ▶ buttons only managers may use. */
let pagerId: string;

beforeAll(async () => {
  p = await startProduct();
  g = await p.guild(1);
  member = await g.member();
  clockedIn = await g.member();
  staffRoleId = (await p.emulator.control.createRole(g.id, { name: 'Staff', position: 2 })).id;
  logChannelId = (await p.emulator.control.createChannel(g.id, { name: 'log' })).id;

  // The server is set up first, so there is state to protect: nine categories (two list pages),
  // settings, an activity log, a shared dashboard and a running session.
  for (const name of ['Support', 'Sales', 'Design', 'Ops', 'Research', 'Hiring']) {
    await p.members.command(g.admin, 'admin', { group: 'categories', sub: 'add', options: { name } });
  }
  await p.members.command(g.admin, 'config', { sub: 'timezone', options: { zone: 'Europe/Berlin' } });
  await p.members.command(g.admin, 'activitylog', { sub: 'set', options: { channel: logChannelId } });
  await p.members.command(g.admin, 'dashboard');
  await p.members.command(clockedIn, 'clockin', { options: { category: 'support' } });
  const list = await p.members.command(g.admin, 'admin', { group: 'categories', sub: 'list' });
  pagerId = buttonId(list.message!, 'Next');
  expect(value(await p.storage.listCategories(g.id)).length).toBe(9);
}, 60_000);
afterAll(async () => {
  await p?.stop();
});

interface Call {
  readonly name: string;
  readonly group?: string;
  readonly sub?: string;
  /** Read when the test runs (the ids exist only then). */
  readonly options?: () => Record<string, OptionValue>;
}

/** Every admin command and subcommand, and the manager-only timecard commands. */
const COMMANDS: Call[] = [
  { name: 'admin', group: 'categories', sub: 'add', options: () => ({ name: 'sneaky' }) },
  { name: 'admin', group: 'categories', sub: 'edit', options: () => ({ name: 'support', weight: 5 }) },
  { name: 'admin', group: 'categories', sub: 'archive', options: () => ({ name: 'support' }) },
  { name: 'admin', group: 'categories', sub: 'restore', options: () => ({ name: 'support' }) },
  { name: 'admin', group: 'categories', sub: 'list' },
  { name: 'admin', sub: 'system' },
  { name: 'config', sub: 'show' },
  { name: 'config', sub: 'timezone', options: () => ({ zone: 'Asia/Tokyo' }) },
  { name: 'config', sub: 'weekstart', options: () => ({ day: 'sunday' }) },
  { name: 'config', sub: 'max-session', options: () => ({ hours: 3 }) },
  { name: 'config', sub: 'reminders', options: () => ({ minutes: 15 }) },
  { name: 'config', group: 'role', sub: 'set', options: () => ({ role: staffRoleId }) },
  { name: 'config', group: 'role', sub: 'clear' },
  { name: 'config', group: 'manager-role', sub: 'add', options: () => ({ role: staffRoleId }) },
  { name: 'config', group: 'manager-role', sub: 'remove', options: () => ({ role: staffRoleId }) },
  { name: 'activitylog', sub: 'set', options: () => ({ channel: g.channelId }) },
  { name: 'activitylog', sub: 'disable' },
  { name: 'activitylog', sub: 'show' },
  { name: 'forceclockout', options: () => ({ user: clockedIn.userId, reason: 'because' }) },
  { name: 'dashboard', options: () => ({ personal: false }) },
];

async function snapshot(): Promise<unknown> {
  const [settings, categories, active, audit, dashboards] = await Promise.all([
    p.storage.getSettings(g.id),
    p.storage.listCategories(g.id, true),
    p.storage.activeSessions(g.id),
    p.storage.auditLog(g.id, 200),
    p.storage.listDashboards(g.id),
  ]);
  return {
    settings: value(settings),
    categories: value(categories),
    active: value(active),
    audit: value(audit),
    dashboards,
  };
}

describe('a member without rights', () => {
  let before: unknown;
  beforeAll(async () => {
    before = await snapshot();
  });

  it.each(
    COMMANDS.map((call) => [[call.name, call.group, call.sub].filter(Boolean).join(' '), call] as const),
  )('is refused /%s', async (_label, call) => {
    const path: CommandPath = {
      ...(call.group ? { group: call.group } : {}),
      ...(call.sub ? { sub: call.sub } : {}),
      options: call.options?.() ?? {},
    };
    const answer = await p.members.command(member, call.name, path);
    expect(answer.ephemeral).toBe(true);
    expect(answer.text).toMatch(REFUSAL);
  });

  it("is refused the categories list's page button", async () => {
    const answer = await p.members.clickId(member, pagerId);
    expect(answer.ephemeral).toBe(true);
    expect(answer.text).toMatch(REFUSAL);
  });

  it('changed nothing: settings, categories, sessions, audit trail and dashboards are as they were', async () => {
    expect(await snapshot()).toEqual(before);
    // The same button still works for the admin, so the refusal was about rights, not the button.
    const page = await p.members.clickId(g.admin, pagerId);
    expect(page.text).not.toMatch(REFUSAL);
    expect(page.type).toBe(7);
  });
});
