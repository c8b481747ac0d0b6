import { DEFAULT_SETTINGS } from '../src/model/types';
import {
  checkCategoryInput,
  checkCategoryName,
  checkCategoryPatch,
  checkContext,
  checkIds,
  checkInstant,
  defaultColor,
  normaliseCategory,
} from '../src/model/validation';
import { applySettingsPatch } from '../src/model/settings-patch';

/** A time inside the window storage accepts (2015 to a day past the server clock). */
const T0 = Date.UTC(2024, 4, 6, 8);

describe('category names', () => {
  const accepted: [string, string, string][] = [
    ['Work', 'work', 'Work'],
    ['  Deep   Work ', 'deep work', 'Deep Work'],
    ['on-call_2', 'on-call_2', 'on-call_2'],
    ['x'.repeat(50), 'x'.repeat(50), 'x'.repeat(50)],
    // Every kind of space is a plain space: a no-break space, a thin space, an ideographic space.
    ['work\u00a0time', 'work time', 'work time'],
    ['Deep\u2009\u3000Work', 'deep work', 'Deep Work'],
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
    ['line separator', 'wo\u2028rk'],
    ['paragraph separator', 'wo\u2029rk'],
    ['newline', 'wo\nrk'],
    ['tab', 'wo\trk'],
    ['nul', 'wo\u0000rk'],
    ['zero-width space', 'wo\u200brk'],
    ['10,000 characters', 'x'.repeat(10_000)],
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

  it('lets a patch rename to any valid name', () => {
    expect(checkCategoryPatch({ displayName: 'DEEP  work' })).toMatchObject({ ok: true });
    expect(checkCategoryPatch({ displayName: 'shallow' })).toMatchObject({ ok: true });
    expect(checkCategoryPatch({ displayName: 'no/slash' })).toMatchObject({ ok: false });
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
    expect(checkContext({ eventId: 'e1', now: T0 + 1, actor: '1' })).toBeNull();
    expect(checkContext({ eventId: 'e 1', now: T0 + 1, actor: '1' })).toMatchObject({ field: 'eventId' });
    expect(checkContext({ eventId: 'e1', now: 1.5, actor: '1' })).toMatchObject({ field: 'now' });
    expect(checkContext({ eventId: 'e1', now: T0 + 1, actor: 'bob' })).toMatchObject({ field: 'actor' });
  });
});

describe('settings are stored in canonical form', () => {
  it.each([
    ['europe/berlin', 'Europe/Berlin'],
    ['utc', 'UTC'],
    ['America/New_York', 'America/New_York'],
    ['Asia/Kolkata', 'Asia/Kolkata'],
  ])('zone %p → %p', (timeZone, stored) => {
    expect(applySettingsPatch(DEFAULT_SETTINGS, { timeZone })).toMatchObject({
      ok: true,
      value: { timeZone: stored },
    });
  });

  it.each(['+05:00', 'EST', 'PST8PDT', 'GMT', 'Nowhere/City', 'Europe/Berlin '])(
    'refuses zone %p',
    (timeZone) => {
      expect(applySettingsPatch(DEFAULT_SETTINGS, { timeZone })).toMatchObject({
        ok: false,
        field: 'timeZone',
      });
    },
  );

  it('refuses unknown fields instead of storing them', () => {
    expect(applySettingsPatch(DEFAULT_SETTINGS, { colour: 'red' } as never)).toMatchObject({
      ok: false,
      field: 'colour',
    });
    expect(applySettingsPatch(DEFAULT_SETTINGS, { schemaVersion: 9 } as never)).toMatchObject({ ok: false });
  });

  it('keeps ids as canonical strings, de-duplicated', () => {
    expect(applySettingsPatch(DEFAULT_SETTINGS, { managerRoleIds: ['5', '5', '7'] })).toMatchObject({
      ok: true,
      value: { managerRoleIds: ['5', '7'] },
    });
    for (const managerRoleIds of [[5], ['005'], ['99999999999999999999']]) {
      expect(applySettingsPatch(DEFAULT_SETTINGS, { managerRoleIds } as never)).toMatchObject({ ok: false });
    }
    expect(applySettingsPatch(DEFAULT_SETTINGS, { activityLogChannelId: 42 } as never)).toMatchObject({
      ok: false,
    });
  });
});

describe('instants and ids', () => {
  it.each([0, 1, 9e15, Date.UTC(2100, 0, 1), Date.now() + 2 * 86_400_000, NaN, 1.5])(
    'refuses the instant %p',
    (at) => {
      expect(checkInstant('at', at)).toMatchObject({ ok: false, field: 'at' });
    },
  );

  it('accepts instants from 2015 to a day past the server clock', () => {
    expect(checkInstant('at', Date.UTC(2015, 0, 1))).toBeNull();
    expect(checkInstant('at', Date.now() + 3_600_000)).toBeNull();
  });

  it('takes Discord ids in canonical form only', () => {
    expect(checkIds({ id: '7' })).toBeNull();
    expect(checkIds({ id: '18446744073709551615' })).toBeNull();
    for (const id of ['0000000000000000007', '18446744073709551616', '99999999999999999999', ' 7', 7]) {
      expect(checkIds({ id })).toMatchObject({ field: 'id' });
    }
  });
});
