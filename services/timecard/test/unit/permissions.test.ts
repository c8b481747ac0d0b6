/** The pure rules of who may clock in, `/help`'s list, "I worked until" and suspension ends. */
import { COMMAND_DEFINITIONS, DISCORD_LIMITS } from '@timekeeper/contracts';
import { PermissionFlagsBits } from 'discord-api-types/v10';
import { changeRequiredRoles, clockInRefusal } from '../../src/logic/clock-rights';
import { COMMAND_LEVELS, helpLevel, helpLines } from '../../src/logic/help';
import { parseUntil } from '../../src/logic/timesheet';
import { checkWorkedUntil } from '../../src/logic/worked-until';
import { helpEmbed } from '../../src/views/help';

const R1 = '300000000000000001';
const R2 = '300000000000000002';
const NONE = { guildRoleIds: [], categoryRoleIds: {} };
const H = 3_600_000;

describe('clockInRefusal', () => {
  const base = {
    suspension: null,
    required: NONE,
    memberRoles: [],
    categoryKey: 'work',
    categoryName: 'Work',
  };

  it('lets anyone clock in when nothing is required', () => {
    expect(clockInRefusal(base)).toBeNull();
  });

  it('refuses a suspended member with the reason and the end', () => {
    const until = Date.UTC(2026, 11, 24);
    const text = clockInRefusal({
      ...base,
      suspension: { userId: '1', by: '2', at: 0, reason: 'no *show*', until },
    });
    expect(text).toContain("You're suspended");
    expect(text).toContain('no \\*show\\*');
    expect(text).toContain(`<t:${until / 1000}:f>`);
    expect(
      clockInRefusal({ ...base, suspension: { userId: '1', by: '2', at: 0, reason: 'x', until: null } }),
    ).toContain('until a manager lifts it');
  });

  it('names the server role or the category role that is missing', () => {
    const server = { guildRoleIds: [R1], categoryRoleIds: {} };
    expect(clockInRefusal({ ...base, required: server })).toContain(
      `the role <@&${R1}> to clock in on this server`,
    );
    expect(clockInRefusal({ ...base, required: server, memberRoles: [R1] })).toBeNull();
    const category = { guildRoleIds: [], categoryRoleIds: { work: [R1, R2] } };
    expect(clockInRefusal({ ...base, required: category })).toContain(
      `one of the roles <@&${R1}>, <@&${R2}> to clock in to **Work**`,
    );
    expect(clockInRefusal({ ...base, required: category, memberRoles: [R2] })).toBeNull();
    expect(clockInRefusal({ ...base, required: category, categoryKey: 'break' })).toBeNull();
  });
});

describe('changeRequiredRoles', () => {
  it('adds, removes and clears for the server or a category; refuses a no-op', () => {
    const added = changeRequiredRoles(NONE, 'add', R1, null);
    expect(added).toMatchObject({ ok: true, value: { guildRoleIds: [R1] } });
    expect(changeRequiredRoles(NONE, 'remove', R1, null)).toMatchObject({ ok: false });
    expect(changeRequiredRoles(NONE, 'add', null, null)).toMatchObject({
      ok: false,
      message: 'Choose the role.',
    });
    const cat = changeRequiredRoles(NONE, 'add', R2, 'work');
    expect(cat).toMatchObject({ ok: true, value: { categoryRoleIds: { work: [R2] } } });
    if (!cat.ok) throw new Error('refused');
    expect(changeRequiredRoles(cat.value, 'add', R2, 'work')).toMatchObject({ ok: false });
    expect(changeRequiredRoles(cat.value, 'remove', R2, 'work')).toMatchObject({
      ok: true,
      value: { categoryRoleIds: {} },
    });
    expect(changeRequiredRoles(cat.value, 'clear', null, 'work')).toMatchObject({ ok: true, ids: [] });
  });
});

describe('/help', () => {
  it('gives every registered command a level', () => {
    for (const def of COMMAND_DEFINITIONS)
      expect([def.name, COMMAND_LEVELS[def.name]]).toEqual([def.name, expect.any(String)]);
  });

  it('tells member, manager and admin apart and lists only what each may use', () => {
    expect(helpLevel(undefined, false)).toBe('member');
    expect(helpLevel('0', true)).toBe('manager');
    expect(helpLevel(String(PermissionFlagsBits.ManageGuild), false)).toBe('admin');
    expect(helpLevel(String(PermissionFlagsBits.Administrator), false)).toBe('admin');
    const member = helpLines('member').map((l) => l.usage);
    expect(member).toContain('/clockin');
    expect(member).toContain('/help');
    expect(member.some((u) => u.startsWith('/timesheet'))).toBe(false);
    const manager = helpLines('manager').map((l) => l.usage);
    expect(manager.find((u) => u.startsWith('/timesheet'))).toContain('suspend|unsuspend|require-role');
    expect(manager).toContain('/forceclockout');
  });

  it('stays within embed limits and shows a suspension first', () => {
    const embed = helpEmbed({ level: 'admin', lines: helpLines('admin'), notice: '⛔ suspended' });
    expect(embed.description).toContain('⛔ suspended');
    for (const field of embed.fields ?? [])
      expect(field.value.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedFieldValue);
    expect(JSON.stringify(embed).length).toBeLessThan(DISCORD_LIMITS.embedTotal);
    expect(embed.fields?.map((f) => f.name)).toEqual(['Everyone', 'Managers', 'Server set-up']);
  });
});

describe('checkWorkedUntil', () => {
  const start = Date.UTC(2026, 11, 1, 9);
  const s = { zone: 'UTC', start, end: start + 2 * H, closedAt: start + 6 * H, maxSessionMs: 12 * H };

  it('takes HH:MM on the session day, up to when the session was closed', () => {
    expect(checkWorkedUntil('13:30', s)).toEqual({ ok: true, at: start + 4.5 * H, text: '2026-12-01 13:30' });
    expect(checkWorkedUntil('2026-12-01 15:00', s)).toMatchObject({ ok: true, at: start + 6 * H });
  });

  it('refuses a time before the start, after the close, the same end, or unreadable', () => {
    expect(checkWorkedUntil('2026-12-01 08:00', s)).toMatchObject({
      ok: false,
      message: expect.stringContaining('before your session started'),
    });
    expect(checkWorkedUntil('15:01', s)).toMatchObject({
      ok: false,
      message: expect.stringContaining('after Timekeeper closed'),
    });
    expect(checkWorkedUntil('11:00', s)).toMatchObject({
      ok: false,
      message: expect.stringContaining('already recorded'),
    });
    expect(checkWorkedUntil('soon', s)).toMatchObject({
      ok: false,
      message: expect.stringContaining("isn't a time"),
    });
    expect(checkWorkedUntil('15:00', { ...s, maxSessionMs: 5 * H })).toMatchObject({
      ok: false,
      message: expect.stringContaining('maximum'),
    });
  });
});

describe('parseUntil', () => {
  it('reads a date (to the end of that day) or a date and time, in the server zone', () => {
    expect(parseUntil('2026-12-24', 'UTC')).toEqual({ ok: true, ms: Date.UTC(2026, 11, 25) });
    expect(parseUntil('2026-12-24 18:00', 'Europe/Berlin')).toEqual({
      ok: true,
      ms: Date.UTC(2026, 11, 24, 17),
    });
    expect(parseUntil('tomorrow', 'UTC')).toMatchObject({ ok: false });
    expect(parseUntil('2026-02-30', 'UTC')).toMatchObject({ ok: false });
  });
});
