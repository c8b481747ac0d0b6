import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { formatDuration } from '../src';

const M = 60_000;
const H = 60 * M;

describe('formatDuration', () => {
  it.each([
    [0, '0m'],
    [-5 * M, '0m'],
    [Number.NaN, '0m'],
    [1, '<1m'],
    [59_999, '<1m'],
    [M, '1m'],
    [45 * M + 59_999, '45m'],
    [H, '1h 00m'],
    [2 * H + 5 * M, '2h 05m'],
    [30 * H + 7 * M, '30h 07m'],
  ])('%d ms → %s', (ms, text) => expect(formatDuration(ms)).toBe(text));

  it.each([
    [0, '0:00'],
    [-5 * M, '0:00'],
    [59_999, '0:00'],
    [45 * M + 59_999, '0:45'],
    [8 * H + 59 * M + 59_999, '8:59'],
    [30 * H + 7 * M, '30:07'],
  ])('%d ms in the clock style → %s', (ms, text) => expect(formatDuration(ms, 'clock')).toBe(text));
});

describe('one duration formatter', () => {
  // Read as text: every service and shipped package writes durations for members with formatDuration.
  const root = join(__dirname, '..', '..', '..');
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((entry) => {
      const path = join(dir, entry);
      if (entry === 'node_modules' || entry === 'dist') return [];
      return statSync(path).isDirectory() ? walk(path) : path.endsWith('.ts') ? [path] : [];
    });
  const sources = ['services', 'packages'].flatMap((group) =>
    readdirSync(join(root, group)).flatMap((name) => {
      const src = join(root, group, name, 'src');
      return statSync(src, { throwIfNoEntry: false })?.isDirectory() ? walk(src) : [];
    }),
  );

  it.each([
    ['defines its own duration formatter', /function format\w*(Duration|Hours)\b/],
    // Decimal hours (`7.75 h`, a payroll figure or a forecast) are a quantity, not a duration shown.
    ['writes minutes or hours by hand', /\$\{(?![^}]*(toFixed|[dD]ecimalHours))[^}]+\} ?(min|h)\b[^a-z/]/],
  ])('no source outside contracts %s', (_rule, pattern) => {
    expect(sources.length).toBeGreaterThan(50);
    const offenders = sources.filter(
      (file) => !file.includes(join('contracts', 'src')) && pattern.test(readFileSync(file, 'utf8')),
    );
    expect(offenders.map((file) => file.slice(root.length + 1))).toEqual([]);
  });
});
