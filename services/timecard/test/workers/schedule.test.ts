import {
  DEFAULT_GRACE_MS,
  decideClose,
  jobIds,
  nextReminder,
  promptDueAt,
  waitMs,
} from '../../src/workers/schedule';

const H = 3_600_000;
const M = 60_000;
const T0 = Date.UTC(2024, 4, 6, 8, 0, 0);

describe('waitMs', () => {
  it.each([
    [T0, T0, null],
    [T0, T0 + 1, null],
    [T0 + 500, T0, 500],
    [T0 + H, T0, 60_000],
  ])('due %p at now %p → %p', (due, now, expected) => {
    expect(waitMs(due, now, 60_000)).toBe(expected);
  });
});

describe('nextReminder', () => {
  it('is one interval later when on time', () => {
    expect(nextReminder(T0 + 30 * M, 1, 30 * M, T0 + 30 * M)).toEqual({ fireAt: T0 + 60 * M, sequence: 2 });
  });
  it('skips reminders already in the past after an outage (one reminder, not a burst)', () => {
    expect(nextReminder(T0 + 30 * M, 1, 30 * M, T0 + 125 * M)).toEqual({ fireAt: T0 + 150 * M, sequence: 5 });
  });
  it('gives unique, deterministic job ids', () => {
    expect(jobIds.reminder('s1', 2)).toBe('reminder:s1:2');
    expect(jobIds.prompt('s1', T0)).not.toBe(jobIds.close('s1', T0));
  });
});

describe('decideClose', () => {
  const max = 8 * H;
  const promptedAt = T0 + max;
  const closeAt = promptedAt + DEFAULT_GRACE_MS;

  it('closes an unanswered session at its start', () => {
    expect(decideClose({ start: T0 }, max, promptedAt, closeAt)).toEqual({ kind: 'close', end: T0 });
  });
  it('closes at the last confirmation made before this prompt, never later', () => {
    const confirmed = T0 + max - 2 * H; // an earlier "Still working", then nothing
    const active = { start: T0 - 2 * H, lastActiveAt: confirmed };
    expect(decideClose(active, max, confirmed + max, confirmed + max + DEFAULT_GRACE_MS)).toEqual({
      kind: 'close',
      end: confirmed,
    });
  });
  it('asks again one maximum after a confirmation during the grace period', () => {
    const active = { start: T0, lastActiveAt: promptedAt + 10 * M };
    expect(decideClose(active, max, promptedAt, closeAt)).toEqual({
      kind: 'reprompt',
      promptAt: promptedAt + 10 * M + max,
      allowanceFrom: promptedAt + 10 * M,
    });
  });
  it('asks again later when the maximum was raised since the prompt', () => {
    expect(decideClose({ start: T0 }, 12 * H, promptedAt, closeAt)).toEqual({
      kind: 'reprompt',
      promptAt: T0 + 12 * H,
      allowanceFrom: T0,
    });
  });
  it('prompt time counts from the last confirmation', () => {
    expect(promptDueAt({ start: T0 }, max)).toBe(T0 + max);
    expect(promptDueAt({ start: T0, lastActiveAt: T0 + H }, max)).toBe(T0 + H + max);
  });
});
