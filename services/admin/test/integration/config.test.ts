import type { ConfigChangedEvent } from '@timekeeper/contracts';
import { useAdminHarness, type TestGuild } from '../support/harness';

jest.setTimeout(60_000);

const h = useAdminHarness();

const config = (
  g: TestGuild,
  subcommand: string,
  options: Record<string, string | number | boolean> = {},
  subcommandGroup?: string,
) =>
  h.driver.slash({
    guildId: g.guildId,
    userId: g.adminId,
    name: 'config',
    subcommand,
    options,
    ...(subcommandGroup ? { subcommandGroup } : {}),
  });

async function settingsOf(guildId: string) {
  const result = await h.storage.getSettings(guildId);
  if (!result.ok) throw new Error('storage read failed');
  return result.value;
}

describe('/config', () => {
  it.each([
    ['an unknown zone', 'timezone', { zone: 'Mars/Olympus_Mons' }, "isn't a time zone I know"],
    ['0 hours', 'max-session', { hours: 0 }, 'whole number of hours from 1 to 24'],
    ['25 hours', 'max-session', { hours: 25 }, 'from 1 to 24'],
    ['2000 minutes', 'reminders', { minutes: 2000 }, 'every 1 to 1440 minutes'],
    ['a fraction of a minute', 'reminders', { minutes: 1.5 }, 'every 1 to 1440 minutes'],
    ['an unknown week start', 'weekstart', { day: 'friday' }, 'Monday, Sunday or Saturday'],
  ])('refuses %s with a friendly message and saves nothing', async (_label, subcommand, options, message) => {
    const g = await h.guild();
    const before = await settingsOf(g.guildId);
    const answer = await config(g, subcommand, options);
    expect(answer.errorCode).toBe('INVALID_INPUT');
    expect(answer.ephemeral).toBe(true);
    expect(answer.text).toContain(message);
    expect(await settingsOf(g.guildId)).toEqual(before);
  });

  it('persists good input, announces config.changed and shows every setting', async () => {
    const g = await h.guild();
    const events = h.events(g.guildId);
    const zone = await config(g, 'timezone', { zone: 'europe/berlin' });
    expect(zone.text).toContain('**Europe/Berlin**');
    await config(g, 'weekstart', { day: 'sunday' });
    await config(g, 'max-session', { hours: 10 });
    await config(g, 'reminders', { minutes: 45 });
    const settings = await settingsOf(g.guildId);
    expect(settings).toMatchObject({
      timeZone: 'Europe/Berlin',
      weekStart: 'sunday',
      maxSessionMs: 10 * 3_600_000,
      reminderIntervalMs: 45 * 60_000,
    });
    const off = await config(g, 'reminders', { minutes: 0 });
    expect(off.text).toContain('Reminders are off');
    expect((await settingsOf(g.guildId)).reminderIntervalMs).toBeNull();

    const changed = (await events.waitFor(8)).filter(
      (e): e is ConfigChangedEvent => e.type === 'config.changed',
    );
    expect(changed.map((e) => e.keys)).toEqual([
      ['timezone'],
      ['weekStart'],
      ['maxSessionHours'],
      ['reminderMinutes'],
      ['reminderMinutes'],
    ]);
    expect(changed[0]?.eventId).toBe(zone.interactionId);

    const show = await config(g, 'show');
    expect(show.ephemeral).toBe(true);
    expect(show.text).toContain('Europe/Berlin');
    expect(show.text).toContain('Sunday');
    expect(show.text).toContain('10h 00m');
    expect(show.text).toContain('Off');
  });

  it('autocompletes time zones from what is typed', async () => {
    const g = await h.guild();
    const answer = await h.driver.autocomplete({
      guildId: g.guildId,
      userId: g.adminId,
      name: 'config',
      subcommand: 'timezone',
      options: { zone: 'berl' },
      focused: 'zone',
    });
    expect(answer.choices.map((c) => c.value)).toEqual(['Europe/Berlin']);
    expect(answer.choices[0]?.name).toMatch(/^Europe\/Berlin \(UTC\+0[12]:00\)$/);
    const empty = await h.driver.autocomplete({
      guildId: g.guildId,
      userId: g.adminId,
      name: 'config',
      subcommand: 'timezone',
      options: { zone: '' },
      focused: 'zone',
    });
    expect(empty.choices[0]?.value).toBe('UTC');
    expect(empty.choices.length).toBeLessThanOrEqual(25);
  });

  it('sets clock-in roles guild-wide and per category, refusing @everyone and managed roles', async () => {
    const g = await h.guild();
    const guild = await h.emulator.control.guild(g.guildId);
    const low = (await h.emulator.control.createRole(g.guildId, { name: 'On duty', position: 2 })).id;
    const high = (await h.emulator.control.createRole(g.guildId, { name: 'Boss', position: 50 })).id;

    const everyone = await config(g, 'set', { role: g.guildId }, 'role');
    expect(everyone.text).toContain("@everyone can't be a clock-in role");
    const managed = await config(g, 'set', { role: guild.botRoleId }, 'role');
    expect(managed.text).toContain('managed by an integration');
    expect((await settingsOf(g.guildId)).roles).toEqual({ guildRoleId: null, categoryRoleIds: {} });

    const general = await config(g, 'set', { role: low }, 'role');
    expect(general.errorCode).toBeUndefined();
    expect(general.text).not.toContain('above Timekeeper');
    const perCategory = await config(g, 'set', { role: high, category: 'Meeting' }, 'role');
    expect(perCategory.errorCode).toBeUndefined();
    expect(perCategory.text).toContain("is above Timekeeper's own role");
    expect((await settingsOf(g.guildId)).roles).toEqual({
      guildRoleId: low,
      categoryRoleIds: { meeting: high },
    });

    const unknown = await config(g, 'set', { role: low, category: 'nope' }, 'role');
    expect(unknown.errorCode).toBe('NOT_FOUND');

    const clear = await config(g, 'clear', { category: 'meeting' }, 'role');
    expect(clear.errorCode).toBeUndefined();
    expect((await settingsOf(g.guildId)).roles).toEqual({ guildRoleId: low, categoryRoleIds: {} });
    const again = await config(g, 'clear', { category: 'meeting' }, 'role');
    expect(again.errorCode).toBe('NOT_FOUND');
  });

  it('saves the role anyway and says the check was skipped when Discord cannot list roles', async () => {
    const g = await h.guild();
    const role = (await h.emulator.control.createRole(g.guildId, { name: 'Shift', position: 2 })).id;
    await h.emulator.control.injectServerError({
      method: 'GET',
      path: `/guilds/${g.guildId}/roles`,
      count: 10,
      status: 503,
    });
    const answer = await config(g, 'set', { role }, 'role');
    await h.emulator.control.clearFaults();
    expect(answer.errorCode).toBeUndefined();
    expect(answer.text).toContain("Couldn't read the server's roles");
    expect((await settingsOf(g.guildId)).roles.guildRoleId).toBe(role);
  });

  it('adds and removes manager roles, refusing @everyone and repeats', async () => {
    const g = await h.guild();
    const role = (await h.emulator.control.createRole(g.guildId, { name: 'Leads' })).id;
    expect((await config(g, 'add', { role: g.guildId }, 'manager-role')).errorCode).toBe('INVALID_INPUT');
    expect((await config(g, 'add', { role }, 'manager-role')).errorCode).toBeUndefined();
    expect((await config(g, 'add', { role }, 'manager-role')).text).toContain('already a manager role');
    expect((await settingsOf(g.guildId)).managerRoleIds).toEqual([role]);
    expect((await config(g, 'remove', { role }, 'manager-role')).errorCode).toBeUndefined();
    expect((await settingsOf(g.guildId)).managerRoleIds).toEqual([]);
    expect((await config(g, 'remove', { role }, 'manager-role')).errorCode).toBe('NOT_FOUND');
  });
});
