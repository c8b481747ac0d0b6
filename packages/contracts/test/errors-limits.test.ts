import {
  DISCORD_LIMITS,
  ERROR_CODES,
  ERROR_MESSAGES,
  ErrorCode,
  errorMessage,
  isErrorCode,
  RETRYABLE_ERROR_CODES,
  subjects,
  TIMEKEEPER_LIMITS,
} from '../src';

describe('ErrorCode', () => {
  it('has the agreed codes, each its own value', () => {
    expect(ERROR_CODES).toEqual([
      'UNKNOWN_COMMAND',
      'NOT_IN_GUILD',
      'FORBIDDEN',
      'INVALID_INPUT',
      'NOT_FOUND',
      'CONFLICT',
      'RATE_LIMITED',
      'UNAVAILABLE',
      'INTERNAL',
      'EXPIRED_COMPONENT',
    ]);
    for (const [key, value] of Object.entries(ErrorCode)) expect(key).toBe(value);
  });

  it.each(ERROR_CODES)('%s has a friendly message that fits a message', (code) => {
    expect(errorMessage(code)).toBe(ERROR_MESSAGES[code]);
    expect(ERROR_MESSAGES[code].length).toBeGreaterThan(10);
    expect(ERROR_MESSAGES[code].length).toBeLessThanOrEqual(DISCORD_LIMITS.content);
    expect(ERROR_MESSAGES[code]).not.toMatch(/[A-Z]{2,}_[A-Z]/); // no code names leak into user text
  });

  it.each([
    ['INTERNAL', true],
    ['EXPIRED_COMPONENT', true],
    ['internal', false],
    ['toString', false],
    [42, false],
    [undefined, false],
  ])('isErrorCode(%j) → %j', (value, expected) => {
    expect(isErrorCode(value)).toBe(expected);
  });

  it('marks only transient failures retryable', () => {
    expect([...RETRYABLE_ERROR_CODES].sort()).toEqual(['RATE_LIMITED', 'UNAVAILABLE']);
  });
});

describe('DISCORD_LIMITS', () => {
  it.each<[keyof typeof DISCORD_LIMITS, number]>([
    ['content', 2000],
    ['embedTitle', 256],
    ['embedDescription', 4096],
    ['embedFields', 25],
    ['embedFieldName', 256],
    ['embedFieldValue', 1024],
    ['embedFooterText', 2048],
    ['embedAuthorName', 256],
    ['embedTotal', 6000],
    ['embedsPerMessage', 10],
    ['actionRows', 5],
    ['componentsPerRow', 5],
    ['customId', 100],
    ['selectOptions', 25],
    ['autocompleteChoices', 25],
    ['label', 80],
    ['interactionResponseMs', 3000],
    ['interactionTokenMs', 900_000],
  ])('%s = %d', (key, value) => {
    expect(DISCORD_LIMITS[key]).toBe(value);
  });

  it('keeps Timekeeper limits inside Discord limits', () => {
    expect(TIMEKEEPER_LIMITS.leaderboardMax).toBeLessThanOrEqual(DISCORD_LIMITS.embedFields);
    expect(TIMEKEEPER_LIMITS.reason).toBeLessThanOrEqual(DISCORD_LIMITS.auditLogReason);
  });
});

describe('subjects (unchanged)', () => {
  it.each([
    [subjects.interaction('timecard'), 'tk.v1.interaction.timecard'],
    [subjects.event('1', 'clock.in'), 'tk.v1.event.1.clock.in'],
    [subjects.job('export.render'), 'tk.v1.job.export.render'],
    [subjects.allEvents, 'tk.v1.event.>'],
  ])('%s', (actual, expected) => {
    expect(actual).toBe(expected);
  });
});
