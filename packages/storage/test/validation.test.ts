import { DEFAULT_SETTINGS } from '../src/model/types';
import {
  applySettingsPatch,
  checkCategoryInput,
  checkCategoryName,
  checkCategoryPatch,
  checkContext,
  defaultColor,
  normaliseCategory,
} from '../src/model/validation';

describe('category names', () => {
  const accepted: [string, string, string][] = [
    ['Work', 'work', 'Work'],
    ['  Deep   Work ', 'deep work', 'Deep Work'],
    ['on-call_2', 'on-call_2', 'on-call_2'],
    ['x'.repeat(50), 'x'.repeat(50), 'x'.repeat(50)],
  ];
  it.each(accepted)('accepts %j as key %j', (raw, key, display) => {
    expect(checkCategoryName(raw)).toEqual({ ok: true, value: { key, displayName: display } });
  });

  const refused: [string, unknown][] = [
    ['empty', ''],
    ['blank', '   '],
    ['too long', 'x'.repeat(51)],
    ['emoji', 'work 🚀'],
    ['colon', 'a:b'],
    ['reserved total', 'Total'],
    ['reserved admin', ' ADMIN '],
    ['not a string', 42],
  ];
  it.each(refused)('refuses %s', (_name, raw) => {
    const result = checkCategoryName(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result).toMatchObject({ code: 'INVALID_INPUT', field: 'name' });
  });

  it('normalises case-insensitively', () => {
    expect(normaliseCategory('WoRk')).toBe(normaliseCategory(' work '));
  });

  it('fills defaults and checks colour, weight and description', () => {
    const ok = checkCategoryInput({ name: 'Support' });
    expect(ok).toMatchObject({ ok: true, value: { key: 'support', productivityWeight: 1 } });
    if (ok.ok) expect(ok.value.color).toBe(defaultColor('support'));
    expect(checkCategoryInput({ name: 'a', color: 'red' })).toMatchObject({ ok: false, field: 'color' });
    expect(checkCategoryInput({ name: 'a', productivityWeight: 5.5 })).toMatchObject({ ok: false });
    expect(checkCategoryInput({ name: 'a', productivityWeight: -0.1 })).toMatchObject({ ok: false });
    expect(checkCategoryInput({ name: 'a', description: 'd'.repeat(201) })).toMatchObject({ ok: false });
  });

  it('lets a patch respell but not rename', () => {
    expect(checkCategoryPatch('deep work', { displayName: 'DEEP  work' })).toMatchObject({ ok: true });
    expect(checkCategoryPatch('deep work', { displayName: 'shallow' })).toMatchObject({ ok: false });
  });

  it('gives readable default colours', () => {
    for (const name of ['work', 'break', 'meeting', 'a', 'zz']) {
      const hex = defaultColor(name);
      expect(hex).toMatch(/^#[0-9a-f]{6}$/);
    }
  });
});

describe('settings patches', () => {
  it('merges valid values', () => {
    const r = applySettingsPatch(DEFAULT_SETTINGS, { timeZone: 'Australia/Lord_Howe', weekStart: 'sunday' });
    expect(r).toMatchObject({ ok: true, value: { timeZone: 'Australia/Lord_Howe', weekStart: 'sunday' } });
  });
  const bad: [string, object][] = [
    ['zone', { timeZone: 'Mars/Olympus' }],
    ['week start', { weekStart: 'someday' }],
    ['max session', { maxSessionMs: 10 }],
    ['reminder', { reminderIntervalMs: 5 }],
    ['channel', { activityLogChannelId: 'general' }],
    ['managers', { managerRoleIds: ['x'] }],
    ['category roles', { roles: { guildRoleId: null, categoryRoleIds: { Work: '1' } } }],
  ];
  it.each(bad)('refuses a bad %s', (_name, patch) => {
    expect(applySettingsPatch(DEFAULT_SETTINGS, patch)).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });
});

describe('write context', () => {
  it('checks event id, clock and actor', () => {
    expect(checkContext({ eventId: 'e1', now: 1, actor: '1' })).toBeNull();
    expect(checkContext({ eventId: 'e 1', now: 1, actor: '1' })).toMatchObject({ field: 'eventId' });
    expect(checkContext({ eventId: 'e1', now: 1.5, actor: '1' })).toMatchObject({ field: 'now' });
    expect(checkContext({ eventId: 'e1', now: 1, actor: 'bob' })).toMatchObject({ field: 'actor' });
  });
});
