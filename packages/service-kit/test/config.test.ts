import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import {
  CONFIG_VARIABLES,
  commonEnvShape,
  configVariablesMarkdown,
  envFields,
  parseConfig,
  parseHexKey,
  parseLicensePublicKey,
  parseLogLevel,
  parsePort,
  parseShardIds,
  parseSnowflake,
  parseUrl,
} from '../src';

describe('field parsers', () => {
  it.each([
    ['0,1,2', [0, 1, 2]],
    ['2, 0 ,2', [0, 2]],
    ['0-3', [0, 1, 2, 3]],
    ['4 - 4', [4]],
    ['7', [7]],
  ])('parseShardIds(%j) → %j', (raw, ids) => {
    expect(parseShardIds(raw)).toEqual({ ok: true, value: ids });
  });

  it.each(['3-1', '0,,1', 'a-b', '1.5', '-1', '0-99999'])('parseShardIds rejects %j', (raw) => {
    expect(parseShardIds(raw)).toEqual({
      ok: false,
      expected: 'shard ids as a list (0,1,2) or a range (0-3)',
    });
  });

  it.each([
    ['1', true],
    ['65535', true],
    ['0', false],
    ['65536', false],
    ['80a', false],
    ['8.5', false],
  ])('parsePort(%j) ok=%s', (raw, ok) => {
    expect(parsePort(raw).ok).toBe(ok);
  });

  it('accepts only the listed URL schemes', () => {
    expect(parseUrl('rediss://cache:6380/0', ['redis:', 'rediss:'], 'x').ok).toBe(true);
    expect(parseUrl('http://cache', ['redis:', 'rediss:'], 'x').ok).toBe(false);
    expect(parseUrl('not a url', ['nats:'], 'x').ok).toBe(false);
  });

  it('checks snowflakes, hex keys, log levels and license keys', () => {
    expect(parseSnowflake('123456789012345678').ok).toBe(true);
    expect(parseSnowflake('12345').ok).toBe(false);
    expect(parseHexKey('AB'.repeat(32))).toEqual({ ok: true, value: 'ab'.repeat(32) });
    expect(parseHexKey('ab'.repeat(31)).ok).toBe(false);
    expect(parseLogLevel('DEBUG')).toEqual({ ok: true, value: 'debug' });
    expect(parseLogLevel('verbose').ok).toBe(false);
    expect(parseLicensePublicKey('-----BEGIN PUBLIC KEY-----\\nMCow\\n-----END PUBLIC KEY-----')).toEqual({
      ok: true,
      value: '-----BEGIN PUBLIC KEY-----\nMCow\n-----END PUBLIC KEY-----',
    });
    expect(parseLicensePublicKey('hello').ok).toBe(false);
  });
});

describe('parseConfig', () => {
  const schema = z.object({
    ...commonEnvShape('analytics'),
    REDIS_URL: envFields.redisUrl(),
    DISCORD_TOKEN: envFields.discordToken(),
    DISCORD_SHARD_IDS: envFields.discordShardIds().optional(),
  });

  it('applies defaults, including the per-service HTTP port', () => {
    const result = parseConfig(schema, { REDIS_URL: 'redis://r:6379', DISCORD_TOKEN: 'abc', NATS_URL: '' });
    expect(result).toEqual({
      ok: true,
      config: {
        NATS_URL: 'nats://127.0.0.1:4222',
        HTTP_PORT: 8082,
        LOG_LEVEL: 'info',
        INSTANCE_ID: expect.stringMatching(new RegExp(`-${process.pid}$`)),
        REDIS_URL: 'redis://r:6379',
        DISCORD_TOKEN: 'abc',
      },
    });
  });

  it('converts values to their types', () => {
    const result = parseConfig(schema, {
      REDIS_URL: 'redis://r',
      DISCORD_TOKEN: 't',
      HTTP_PORT: '9000',
      DISCORD_SHARD_IDS: '2-4',
    });
    expect(result.ok && result.config.HTTP_PORT).toBe(9000);
    expect(result.ok && result.config.DISCORD_SHARD_IDS).toEqual([2, 3, 4]);
  });

  it('reports one problem per variable, naming it, never echoing the value', () => {
    const result = parseConfig(schema, { DISCORD_TOKEN: 'super secret', LOG_LEVEL: 'loud', HTTP_PORT: '0' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((problem) => problem.variable).sort()).toEqual([
      'DISCORD_TOKEN',
      'HTTP_PORT',
      'LOG_LEVEL',
      'REDIS_URL',
    ]);
    const text = result.problems.map((problem) => problem.message).join('\n');
    expect(text).toContain('REDIS_URL is not set; expected Redis URL (redis:// or rediss://)');
    expect(text).toContain(
      'LOG_LEVEL is invalid; expected one of fatal, error, warn, info, debug, trace, silent',
    );
    expect(text).not.toContain('super secret');
    expect(text).not.toContain('loud');
  });
});

describe('CONFIG_VARIABLES', () => {
  it('lists each variable once; secrets are marked', () => {
    const names = CONFIG_VARIABLES.map((variable) => variable.name);
    expect(new Set(names).size).toBe(names.length);
    expect(CONFIG_VARIABLES.find((variable) => variable.name === 'DISCORD_TOKEN')?.secret).toBe(true);
  });

  it('renders the README table', () => {
    const table = configVariablesMarkdown().split('\n');
    expect(table[0]).toBe('| Variable | Meaning | Default | Services |');
    expect(table).toContainEqual(expect.stringMatching(/^\| `HTTP_PORT` .*gateway 8080, timecard 8081/));
    expect(table).toHaveLength(CONFIG_VARIABLES.length + 2);
  });
});

describe('README', () => {
  // Prettier pads table cells, so compare cell contents rather than exact text.
  const cells = (table: string): string[][] =>
    table
      .split('\n')
      .filter((line) => line.startsWith('|'))
      .map((line) =>
        line
          .slice(1, -1)
          .split('|')
          .map((cell) => cell.trim().replace(/^-+$/, '---')),
      );

  it('shows the configuration table as CONFIG_VARIABLES renders it', () => {
    const readme = readFileSync(join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
    const start = readme.indexOf('## Configuration');
    const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
    expect(cells(section)).toEqual(cells(configVariablesMarkdown()));
  });
});
