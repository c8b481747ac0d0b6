import { PermissionFlagsBits } from 'discord-api-types/v10';
import { AdminHarness, nextUserId, type TestGuild } from '../support/harness';

jest.setTimeout(60_000);

let h: AdminHarness;
let g: TestGuild;
let roleId: string;
let logChannelId: string;

beforeAll(async () => {
  h = await AdminHarness.start();
  g = await h.guild();
  roleId = (await h.emulator.control.createRole(g.guildId, { name: 'Staff', position: 2 })).id;
  logChannelId = (await h.emulator.control.createChannel(g.guildId, { name: 'log' })).id as string;
  // The guild is set up by an admin first, so there is state to protect.
  await h.driver.slash({
    guildId: g.guildId,
    userId: g.adminId,
    name: 'admin',
    subcommandGroup: 'categories',
    subcommand: 'list',
  });
});
afterAll(async () => {
  await h?.close();
});

type Call = {
  name: string;
  subcommandGroup?: string;
  subcommand: string;
  options?: () => Record<string, string | number | boolean>;
};

/** Every admin command and subcommand. */
const CALLS: Call[] = [
  { name: 'admin', subcommandGroup: 'categories', subcommand: 'add', options: () => ({ name: 'sneaky' }) },
  {
    name: 'admin',
    subcommandGroup: 'categories',
    subcommand: 'edit',
    options: () => ({ name: 'work', weight: 5 }),
  },
  { name: 'admin', subcommandGroup: 'categories', subcommand: 'archive', options: () => ({ name: 'work' }) },
  { name: 'admin', subcommandGroup: 'categories', subcommand: 'restore', options: () => ({ name: 'work' }) },
  { name: 'admin', subcommandGroup: 'categories', subcommand: 'list' },
  { name: 'admin', subcommand: 'system' },
  { name: 'config', subcommand: 'show' },
  { name: 'config', subcommand: 'timezone', options: () => ({ zone: 'Europe/Berlin' }) },
  { name: 'config', subcommand: 'weekstart', options: () => ({ day: 'sunday' }) },
  { name: 'config', subcommand: 'max-session', options: () => ({ hours: 3 }) },
  { name: 'config', subcommand: 'reminders', options: () => ({ minutes: 15 }) },
  { name: 'config', subcommandGroup: 'role', subcommand: 'set', options: () => ({ role: roleId }) },
  { name: 'config', subcommandGroup: 'role', subcommand: 'clear' },
  { name: 'config', subcommandGroup: 'manager-role', subcommand: 'add', options: () => ({ role: roleId }) },
  {
    name: 'config',
    subcommandGroup: 'manager-role',
    subcommand: 'remove',
    options: () => ({ role: roleId }),
  },
  { name: 'activitylog', subcommand: 'set', options: () => ({ channel: logChannelId }) },
  { name: 'activitylog', subcommand: 'disable' },
  { name: 'activitylog', subcommand: 'show' },
];

async function snapshot(): Promise<unknown> {
  const [settings, categories, audit] = await Promise.all([
    h.storage.getSettings(g.guildId),
    h.storage.listCategories(g.guildId, true),
    h.storage.auditLog(g.guildId, 100),
  ]);
  return { settings, categories, audit };
}

describe('permissions', () => {
  it.each(
    CALLS.map((call) => [[call.name, call.subcommandGroup, call.subcommand].filter(Boolean).join(' '), call]),
  )('/%s is refused for a member without rights and changes nothing', async (_path, call) => {
    const { options, ...rest } = call as Call;
    const before = await snapshot();
    const messagesBefore = await h.emulator.control.messages(logChannelId);
    const answer = await h.driver.slash({
      guildId: g.guildId,
      userId: g.memberId,
      ...rest,
      options: options?.() ?? {},
    });
    expect(answer.errorCode).toBe('FORBIDDEN');
    expect(answer.ephemeral).toBe(true);
    expect(answer.text).toContain('You need **Manage Server** or a manager role');
    expect(await snapshot()).toEqual(before);
    expect(await h.emulator.control.messages(logChannelId)).toEqual(messagesBefore);
  });

  it('refuses a list page button for a member without rights', async () => {
    for (let i = 0; i < 8; i++) {
      await h.driver.slash({
        guildId: g.guildId,
        userId: g.adminId,
        name: 'admin',
        subcommandGroup: 'categories',
        subcommand: 'add',
        options: { name: `p${i}` },
      });
    }
    const list = await h.driver.slash({
      guildId: g.guildId,
      userId: g.adminId,
      name: 'admin',
      subcommandGroup: 'categories',
      subcommand: 'list',
    });
    expect(list.customIds).toHaveLength(2);
    const before = await snapshot();
    const click = await h.driver.click({
      guildId: g.guildId,
      userId: g.memberId,
      customId: list.customIds[1]!,
    });
    expect(click.errorCode).toBe('FORBIDDEN');
    expect(click.embeds).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });

  it('allows Administrator, Manage Server and configured manager roles; not other roles', async () => {
    const administrator = nextUserId();
    await h.emulator.control.addMember(g.guildId, {
      userId: administrator,
      permissions: String(PermissionFlagsBits.Administrator),
    });
    const leadRole = (await h.emulator.control.createRole(g.guildId, { name: 'Lead', position: 3 })).id;
    const lead = nextUserId();
    await h.emulator.control.addMember(g.guildId, { userId: lead, roles: [leadRole] });
    const show = (userId: string) =>
      h.driver.slash({ guildId: g.guildId, userId, name: 'config', subcommand: 'show' });

    expect((await show(administrator)).errorCode).toBeUndefined();
    expect((await show(lead)).errorCode).toBe('FORBIDDEN');
    const added = await h.driver.slash({
      guildId: g.guildId,
      userId: administrator,
      name: 'config',
      subcommandGroup: 'manager-role',
      subcommand: 'add',
      options: { role: leadRole },
    });
    expect(added.errorCode).toBeUndefined();
    expect((await show(lead)).errorCode).toBeUndefined();
    expect((await show(g.memberId)).errorCode).toBe('FORBIDDEN');
  });
});
