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
});
