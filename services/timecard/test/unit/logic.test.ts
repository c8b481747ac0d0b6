import { DEFAULT_SETTINGS, type ActiveSession, type CompletedSession } from '@timekeeper/storage';
import { findCategory, rankForAutocomplete, suggestCategories } from '../../src/logic/categories';
import { discordTime, plain, truncate } from '../../src/logic/format';
import { clockInJobs, clockOutJobs, forcedDmJob, switchJobs } from '../../src/logic/jobs';
import { roleDelta, rolesFor } from '../../src/logic/roles';
import { runningMsInPeriod, runningMsOnDay } from '../../src/logic/running';

const cat = (displayName: string, archived = false) => ({
  key: displayName.toLowerCase(),
  displayName,
  archived,
});
const CATEGORIES = [
  cat('Work'),
  cat('Meeting'),
  cat('Team meeting'),
  cat('Break'),
  cat('Development'),
  cat('Old project', true),
];

describe('formatting', () => {
  it('writes Discord timestamps in whole seconds', () => {
    expect(discordTime(1_700_000_000_999, 'R')).toBe('<t:1700000000:R>');
    expect(discordTime(1_700_000_000_000)).toBe('<t:1700000000:f>');
  });

  it('truncates with an ellipsis and never splits a surrogate pair', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 3)).toBe('abc');
    expect(truncate('ab😀cd', 4)).toBe('ab…');
  });

  it('neutralises markdown and mentions in user text', () => {
    expect(plain('**bold** @everyone')).toBe('\\*\\*bold\\*\\* @\u200beveryone');
  });
});

describe('category lookup', () => {
  it('finds by name whatever the case or spacing, archived included', () => {
    expect(findCategory(CATEGORIES, '  WORK ')?.key).toBe('work');
    expect(findCategory(CATEGORIES, 'team   Meeting')?.key).toBe('team meeting');
    expect(findCategory(CATEGORIES, 'old project')?.archived).toBe(true);
    expect(findCategory(CATEGORIES, 'nope')).toBeUndefined();
  });

  it('ranks autocomplete: exact, prefix, word prefix, substring; never archived; at most 25', () => {
    expect(rankForAutocomplete(CATEGORIES, 'meeting').map((c) => c.key)).toEqual(['meeting', 'team meeting']);
    expect(rankForAutocomplete(CATEGORIES, 'me').map((c) => c.key)).toEqual([
      'meeting',
      'team meeting',
      'development',
    ]);
    expect(rankForAutocomplete(CATEGORIES, '').map((c) => c.key)).toEqual([
      'break',
      'development',
      'meeting',
      'team meeting',
      'work',
    ]);
    expect(rankForAutocomplete(CATEGORIES, 'old')).toEqual([]);
    const many = Array.from({ length: 40 }, (_, i) => cat(`Cat ${String(i).padStart(2, '0')}`));
    expect(rankForAutocomplete(many, 'cat')).toHaveLength(25);
  });

  it('suggests the nearest active names by edit distance, containing matches first', () => {
    expect(suggestCategories(CATEGORIES, 'wrok').map((c) => c.key)).toEqual(['work']);
    expect(suggestCategories(CATEGORIES, 'meet').map((c) => c.key)).toEqual(['meeting', 'team meeting']);
    expect(suggestCategories(CATEGORIES, 'developmnt').map((c) => c.key)).toEqual(['development']);
    expect(suggestCategories(CATEGORIES, 'old projet')).toEqual([]);
    expect(suggestCategories(CATEGORIES, 'zzzzzzzz')).toEqual([]);
  });
});

const ROLES = { guildRoleId: '500', categoryRoleIds: { work: '501', break: '500', meeting: '503' } };

describe('roles', () => {
  it('collects the guild-wide role and the category role once', () => {
    expect(rolesFor(ROLES, 'work')).toEqual(['500', '501']);
    expect(rolesFor(ROLES, 'break')).toEqual(['500']);
    expect(rolesFor({ guildRoleId: null, categoryRoleIds: {} }, 'work')).toEqual([]);
  });

  it('keeps roles both sides share when switching', () => {
    expect(roleDelta(ROLES, null, 'work')).toEqual({ add: ['500', '501'], remove: [] });
    expect(roleDelta(ROLES, 'work', 'meeting')).toEqual({ add: ['503'], remove: ['501'] });
    expect(roleDelta(ROLES, 'work', 'break')).toEqual({ add: [], remove: ['501'] });
    expect(roleDelta(ROLES, 'meeting', null)).toEqual({ add: [], remove: ['500', '503'] });
  });
});

const G = '100000000000000001';
const U = '200000000000000001';
const active = (id: string, category: string, start: number): ActiveSession => ({
  id,
  guildId: G,
  userId: U,
  category,
  start,
  source: 'command',
});
const completed = (id: string, category: string, start: number, end: number): CompletedSession => ({
  ...active(id, category, start),
  end,
  durationMs: end - start,
  flags: { forced: false, autoClosed: false, edited: false, needsReview: false },
  pieces: [],
  rev: 1,
});

describe('jobs', () => {
  const settings = {
    ...DEFAULT_SETTINGS,
    roles: ROLES,
    reminderIntervalMs: 1_800_000,
    maxSessionMs: 8 * 3_600_000,
  };

  it('on clock in: role adds, the first reminder and the forgotten-clock-out check, with stable ids', () => {
    const jobs = clockInJobs(active('s1', 'work', 1_000), settings, 1_000);
    expect(jobs.map((j) => j.jobId)).toEqual([
      'role:s1:500:add',
      'role:s1:501:add',
      'reminder:s1:1',
      'check:s1:prompt',
    ]);
    expect(jobs.find((j) => j.kind === 'reminder.fire')).toMatchObject({
      fireAt: 1_000 + 1_800_000,
      sequence: 1,
    });
    expect(jobs.find((j) => j.kind === 'session.check')).toMatchObject({
      fireAt: 1_000 + 8 * 3_600_000,
      stage: 'prompt',
    });
    expect(clockInJobs(active('s1', 'work', 1_000), settings, 9_999).map((j) => j.jobId)).toEqual(
      jobs.map((j) => j.jobId),
    );
  });

  it('no reminder when reminders are off', () => {
    const jobs = clockInJobs(active('s1', 'other', 0), { ...DEFAULT_SETTINGS, roles: ROLES }, 0);
    expect(jobs.map((j) => j.kind)).toEqual(['role.change', 'session.check']);
  });

  it('on clock out and switch: removes what no longer applies, adds what is new', () => {
    expect(clockOutJobs(completed('s1', 'work', 0, 10), settings, 10).map((j) => j.jobId)).toEqual([
      'role:s1:500:remove',
      'role:s1:501:remove',
    ]);
    const jobs = switchJobs(completed('s1', 'work', 0, 10), active('s2', 'meeting', 10), settings, 10);
    expect(jobs.map((j) => j.jobId)).toEqual([
      'role:s1:501:remove',
      'role:s2:503:add',
      'reminder:s2:1',
      'check:s2:prompt',
    ]);
  });

  it('the forced clock-out DM is keyed by session', () => {
    const job = forcedDmJob(completed('s9', 'work', 0, 10), [{ title: 'x' }], 10);
    expect(job).toMatchObject({
      jobId: 'dm:forced:s9',
      purpose: 'force-clockout',
      userId: U,
      kind: 'dm.send',
    });
  });
});

describe('running sessions', () => {
  const ny = { timeZone: 'America/New_York', weekStart: 'monday' as const };
  // 2024-03-09 23:30 New York (EST, UTC-5) = 04:30 UTC on the 10th; DST starts at 02:00 on the 10th.
  const start = Date.UTC(2024, 2, 10, 4, 30);
  const now = start + 3 * 3_600_000;

  it('counts only the part on the asked local day', () => {
    expect(runningMsOnDay(start, now, '2024-03-09', ny)).toBe(30 * 60_000);
    expect(runningMsOnDay(start, now, '2024-03-10', ny)).toBe(150 * 60_000);
    expect(runningMsOnDay(now, start, '2024-03-10', ny)).toBe(0);
  });

  it('counts the part in a week (Saturday the 9th and Sunday the 10th share a Monday week)', () => {
    expect(runningMsInPeriod(start, now, { week: 'w2024-03-04' }, ny)).toBe(3 * 3_600_000);
    expect(runningMsInPeriod(start, now, { week: 'w2024-03-11' }, ny)).toBe(0);
  });
});
