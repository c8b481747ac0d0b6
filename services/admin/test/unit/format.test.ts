import { fitLines, plain, truncate } from '../../src/views/text';
import { discordTimestamp, formatReminderInterval } from '../../src/views/time';
import { suggest } from '../../src/logic/suggest';
import { canonicalZone, utcOffset, zoneChoices } from '../../src/logic/timezones';

describe('time text', () => {
  it('writes Discord timestamps in whole seconds', () => {
    expect(discordTimestamp(1_700_000_000_999)).toBe('<t:1700000000:f>');
    expect(discordTimestamp(1_700_000_000_000, 'R')).toBe('<t:1700000000:R>');
  });
  it.each([
    [null, 'off'],
    [30 * 60_000, 'every 30m'],
    [2 * 3_600_000, 'every 2h 00m'],
    [90 * 60_000, 'every 1h 30m'],
  ])('reminder interval %p → %s', (ms, text) => expect(formatReminderInterval(ms)).toBe(text));
});

describe('text limits', () => {
  it('truncates with an ellipsis', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 4)).toBe('abc');
  });
  it('fits whole lines and says how many are left out', () => {
    const lines = Array.from({ length: 100 }, (_, i) => `line number ${i}`);
    const text = fitLines(lines, 200);
    expect(text.length).toBeLessThanOrEqual(200);
    expect(text).toMatch(/…and \d+ more$/);
    const shown = text.split('\n').length - 1;
    expect(text).toContain(`…and ${100 - shown} more`);
    expect(fitLines([], 10, 'None')).toBe('None');
  });
  it('escapes markdown and mentions in names', () => {
    expect(plain('deep_work *now* @everyone')).toBe('deep\\_work \\*now\\* @\u200beveryone');
  });
});

describe('suggest', () => {
  const choices = ['work', 'workshop', 'homework', 'break', 'deep work'].map((n) => ({ name: n, value: n }));
  it('ranks prefixes, then word prefixes, then anywhere', () => {
    expect(suggest(choices, 'wor').map((c) => c.value)).toEqual([
      'work',
      'workshop',
      'deep work',
      'homework',
    ]);
  });
  it('returns the first choices for empty input and never more than 25', () => {
    const many = Array.from({ length: 40 }, (_, i) => ({ name: `c${i}`, value: `c${i}` }));
    expect(suggest(many, '')).toHaveLength(25);
    expect(suggest(many, 'c')).toHaveLength(25);
  });
});

describe('time zones', () => {
  it.each([
    ['Europe/Berlin', 'Europe/Berlin'],
    ['europe/berlin', 'Europe/Berlin'],
    [' UTC ', 'UTC'],
    ['Mars/Olympus', null],
    ['', null],
  ])('%p → %p', (raw, zone) => expect(canonicalZone(raw)).toBe(zone));

  it('shows offsets, with DST', () => {
    expect(utcOffset('UTC', Date.UTC(2024, 0, 1))).toBe('UTC+00:00');
    expect(utcOffset('Europe/Berlin', Date.UTC(2024, 0, 1))).toBe('UTC+01:00');
    expect(utcOffset('Europe/Berlin', Date.UTC(2024, 6, 1))).toBe('UTC+02:00');
    expect(utcOffset('Asia/Kolkata', Date.UTC(2024, 6, 1))).toBe('UTC+05:30');
  });

  it('suggests zones by city, with spaces for underscores', () => {
    const choices = zoneChoices('new y', Date.UTC(2024, 0, 1));
    expect(choices[0]).toEqual({ name: 'America/New York (UTC-05:00)', value: 'America/New_York' });
    expect(zoneChoices('', 0)[0]?.value).toBe('UTC');
    for (const choice of zoneChoices('a', 0)) expect(choice.name.length).toBeLessThanOrEqual(100);
  });
});
