import { parseStoppedAt } from '../../src/workers/stopped-at';

const H = 3_600_000;
const M = 60_000;
// 2024-05-06 20:00 in Berlin (UTC+2) = 18:00 UTC.
const NOW = Date.UTC(2024, 4, 6, 18, 0, 0);
const opts = { now: NOW, sessionStart: NOW - 30 * H, timeZone: 'Europe/Berlin' };

describe('parseStoppedAt', () => {
  it.each([
    ['17:30', Date.UTC(2024, 4, 6, 15, 30)],
    ['5:30 pm', Date.UTC(2024, 4, 6, 15, 30)],
    ['5:30PM', Date.UTC(2024, 4, 6, 15, 30)],
    ['17.30', Date.UTC(2024, 4, 6, 15, 30)],
    ['12 am', Date.UTC(2024, 4, 5, 22, 0)],
    // later than now today → yesterday
    ['21:15', Date.UTC(2024, 4, 5, 19, 15)],
    ['45m ago', NOW - 45 * M],
    ['2h ago', NOW - 2 * H],
    ['1h30m ago', NOW - 90 * M],
    ['1 h 30 min ago', NOW - 90 * M],
    ['2 hours ago', NOW - 2 * H],
    ['1.5h ago', NOW - 90 * M],
    ['now', NOW],
    ['  NOW ', NOW],
  ])('%p → %p', (input, at) => {
    expect(parseStoppedAt(input, opts)).toEqual({ ok: true, at });
  });

  it.each([['soon'], ['25:00'], ['17:60'], ['5'], ['13 pm'], ['ago'], ['']])('refuses %p', (input) => {
    const r = parseStoppedAt(input, opts);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/couldn't read/);
  });

  it('refuses a time before the session start, naming the start', () => {
    const r = parseStoppedAt('3h ago', { ...opts, sessionStart: NOW - 2 * H });
    expect(r).toEqual({ ok: false, message: expect.stringContaining(`<t:${(NOW - 2 * H) / 1000}:f>`) });
  });

  it('refuses a clock time that is before the start even as yesterday', () => {
    const r = parseStoppedAt('21:15', { ...opts, sessionStart: NOW - H });
    expect(r.ok).toBe(false);
  });

  it('uses the guild zone, across a DST change', () => {
    // 2024-03-31 in Berlin: clocks jump 02:00 → 03:00; "01:30" is UTC+1, "04:00" is UTC+2.
    const now = Date.UTC(2024, 2, 31, 6, 0, 0);
    const o = { now, sessionStart: now - 10 * H, timeZone: 'Europe/Berlin' };
    expect(parseStoppedAt('01:30', o)).toEqual({ ok: true, at: Date.UTC(2024, 2, 31, 0, 30) });
    expect(parseStoppedAt('04:00', o)).toEqual({ ok: true, at: Date.UTC(2024, 2, 31, 2, 0) });
  });
});
