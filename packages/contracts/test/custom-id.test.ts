import {
  createCustomIdCodec,
  customIdLength,
  CustomIdEncodeError,
  ErrorCode,
  peekService,
  type CustomIdDecodeErrorCode,
  type CustomIdEncodeErrorCode,
  type CustomIdParts,
} from '../src';

const SECRET = 'test-secret-0123456789abcdef';
const codec = createCustomIdCodec({ secret: SECRET });
const SNOWFLAKE = '1234567890123456789';

describe('custom_id codec: round trips', () => {
  it.each<[string, CustomIdParts]>([
    ['no args', { service: 'timecard', action: 'clockout', args: [] }],
    ['one snowflake', { service: 'timecard', action: 'clockin', args: [SNOWFLAKE] }],
    ['several args', { service: 'analytics', action: 'page', args: [SNOWFLAKE, 'week', '3'] }],
    ['an empty arg', { service: 'export', action: 'retry', args: ['', 'x'] }],
    [
      'a key with spaces and unicode',
      { service: 'admin', action: 'confirm-archive', args: ['deep work', 'café'] },
    ],
    ['digits and dashes in the action', { service: 'admin', action: 'a1-b2', args: ['-'] }],
  ])('%s', (_title, parts) => {
    const id = codec.encode(parts);
    expect(id.length).toBeLessThanOrEqual(100);
    expect(id.length).toBe(customIdLength(parts));
    expect(id.startsWith(`${parts.service}:${parts.action}`)).toBe(true);
    expect(codec.decode(id)).toEqual({ ok: true, value: { ...parts, args: [...parts.args] } });
  });

  it('is deterministic for a secret and differs between secrets', () => {
    const parts: CustomIdParts = { service: 'timecard', action: 'clockin', args: [SNOWFLAKE] };
    const other = createCustomIdCodec({ secret: 'another-secret-0123456789' });
    expect(codec.encode(parts)).toBe(codec.encode(parts));
    expect(other.encode(parts)).not.toBe(codec.encode(parts));
  });

  it('fits exactly 100 characters and no more', () => {
    // 'timecard:x:' (11) + arg + ':' + 8-char tag = 100 → arg of 80
    const fits: CustomIdParts = { service: 'timecard', action: 'x', args: ['a'.repeat(80)] };
    expect(codec.encode(fits)).toHaveLength(100);
    expect(codec.decode(codec.encode(fits)).ok).toBe(true);
    expect(() => codec.encode({ ...fits, args: ['a'.repeat(81)] })).toThrow(CustomIdEncodeError);
  });

  it('accepts ids signed with a previous secret, and signs with the current one', () => {
    const rotated = createCustomIdCodec({ secret: 'new-secret-0123456789abcdef', previousSecrets: [SECRET] });
    const old = codec.encode({ service: 'timecard', action: 'stats', args: [SNOWFLAKE] });
    expect(rotated.decode(old).ok).toBe(true);
    expect(codec.decode(rotated.encode({ service: 'timecard', action: 'stats', args: [] })).ok).toBe(false);
  });
});

describe('custom_id codec: encode rejects', () => {
  it.each<[string, CustomIdParts, CustomIdEncodeErrorCode]>([
    ['an unknown service', { service: 'gateway' as never, action: 'x', args: [] }, 'UNKNOWN_SERVICE'],
    ['an upper-case action', { service: 'timecard', action: 'ClockIn', args: [] }, 'INVALID_ACTION'],
    ['an action starting with a digit', { service: 'timecard', action: '1x', args: [] }, 'INVALID_ACTION'],
    ['an empty action', { service: 'timecard', action: '', args: [] }, 'INVALID_ACTION'],
    ['a colon in an arg', { service: 'timecard', action: 'x', args: ['a:b'] }, 'INVALID_ARG'],
    ['a newline in an arg', { service: 'timecard', action: 'x', args: ['a\nb'] }, 'INVALID_ARG'],
    [
      'a non-string arg',
      { service: 'timecard', action: 'x', args: [42 as unknown as string] },
      'INVALID_ARG',
    ],
    [
      'an id over 100 characters',
      { service: 'analytics', action: 'page', args: Array(6).fill(SNOWFLAKE) },
      'TOO_LONG',
    ],
  ])('%s', (_title, parts, code) => {
    let thrown: unknown;
    try {
      codec.encode(parts);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(CustomIdEncodeError);
    expect((thrown as CustomIdEncodeError).code).toBe(code);
    expect((thrown as CustomIdEncodeError).message.length).toBeGreaterThan(10);
  });

  it('refuses a short secret', () => {
    expect(() => createCustomIdCodec({ secret: 'short' })).toThrow(/at least 16 bytes/);
    expect(() => createCustomIdCodec({ secret: SECRET, previousSecrets: ['short'] })).toThrow(
      /previousSecrets\[0\]/,
    );
  });
});

describe('custom_id codec: decode rejects', () => {
  const good = codec.encode({ service: 'timecard', action: 'forceout', args: [SNOWFLAKE, '42'] });
  const [service, action, user, minutes, tag] = good.split(':') as [string, string, string, string, string];
  const otherTag = codec
    .encode({ service: 'timecard', action: 'forceout', args: [SNOWFLAKE, '43'] })
    .split(':')[4]!;
  const flip = (s: string) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1);

  it.each<[string, string, CustomIdDecodeErrorCode]>([
    ['an empty id', '', 'MALFORMED'],
    ['no separator', 'timecard', 'MALFORMED'],
    ['an unknown service', `payroll:${action}:${tag}`, 'UNKNOWN_SERVICE'],
    ['a legacy id', 'shared_clockin_123456789012345678', 'MALFORMED'],
    ['an upper-case action', `${service}:ForceOut:${user}:${tag}`, 'MALFORMED'],
    ['a missing tag', `${service}:${action}`, 'MISSING_TAG'],
    ['a tag that is not a tag', `${service}:${action}:${user}:${minutes}`, 'MISSING_TAG'],
    ['a control character in an arg', `${service}:${action}:a\u0000b:${tag}`, 'MALFORMED'],
    ['over 100 characters', `${good}${'x'.repeat(101 - good.length)}`, 'TOO_LONG'],
    ['a changed arg', `${service}:${action}:${user}:43:${tag}`, 'BAD_TAG'],
    ['a changed user', `${service}:${action}:${user.replace(/9$/, '8')}:${minutes}:${tag}`, 'BAD_TAG'],
    ['a changed action', `${service}:clockout:${user}:${minutes}:${tag}`, 'BAD_TAG'],
    ['a changed service', `admin:${action}:${user}:${minutes}:${tag}`, 'BAD_TAG'],
    ['an added arg', `${service}:${action}:${user}:${minutes}:x:${tag}`, 'BAD_TAG'],
    ['a removed arg', `${service}:${action}:${user}:${tag}`, 'BAD_TAG'],
    ['a tag swapped from another id', `${service}:${action}:${user}:${minutes}:${otherTag}`, 'BAD_TAG'],
    ['a flipped tag character', `${service}:${action}:${user}:${minutes}:${flip(tag)}`, 'BAD_TAG'],
    [
      'a tag from another secret',
      createCustomIdCodec({ secret: 'x'.repeat(32) }).encode({
        service: 'timecard',
        action: 'forceout',
        args: [SNOWFLAKE, '42'],
      }),
      'BAD_TAG',
    ],
  ])('%s', (_title, id, code) => {
    const result = codec.decode(id);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(code);
    expect(result.error.errorCode).toBe(ErrorCode.EXPIRED_COMPONENT);
    expect(result.error.message).toMatch(/button/);
    expect(result.error.detail.length).toBeGreaterThan(0);
  });

  it('tells the user a tampered or unsigned button is no longer valid', () => {
    for (const id of [`${service}:${action}`, `${service}:${action}:${user}:43:${tag}`]) {
      const result = codec.decode(id);
      expect(!result.ok && result.error.message).toMatch(/^This button is no longer valid/);
    }
  });

  it('never throws on arbitrary input', () => {
    for (const id of [':', '::', ':::::', 'timecard::', 'timecard:a:', '\u{1F600}:x:y', null, undefined, 5]) {
      expect(() => codec.decode(id as string)).not.toThrow();
      expect(codec.decode(id as string).ok).toBe(false);
    }
  });
});

describe('peekService', () => {
  it.each([
    ['timecard:clockin:abc:TAGTAGTA', 'timecard'],
    ['analytics:page:1:TAGTAGTA', 'analytics'],
    ['export:retry', 'export'],
    ['admin', null],
    ['admin:', 'admin'],
    ['gateway:x:y', null],
    ['license:x', null],
    ['Timecard:x', null],
    ['', null],
    [':timecard', null],
  ])('%j → %j', (id, expected) => {
    expect(peekService(id)).toBe(expected);
  });
});
