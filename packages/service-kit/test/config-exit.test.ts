import { join } from 'node:path';
import { CONFIG_ERROR_EXIT_CODE } from '../src';
import { REPO_ROOT, spawnTs, waitForExit } from './support/processes';

// A real service process (timecard, from its sources) must refuse to start on bad configuration.
const TIMECARD_MAIN = join(REPO_ROOT, 'services', 'timecard', 'src', 'main.ts');
const BASE_ENV = {
  PATH: process.env.PATH,
  NATS_URL: 'nats://127.0.0.1:1',
  REDIS_URL: 'redis://127.0.0.1:6379',
  CUSTOM_ID_SECRET: 'config-exit-test-secret-0123456789abcdef',
  DISCORD_TOKEN: 'test-token',
};

describe('a service process with invalid configuration', () => {
  it('exits with code 2 naming a missing variable', async () => {
    const { REDIS_URL: _omitted, ...env } = BASE_ENV;
    const result = await waitForExit(spawnTs(TIMECARD_MAIN, env));
    expect(result.code).toBe(CONFIG_ERROR_EXIT_CODE);
    expect(result.stderr).toMatch(/^timecard: config error: REDIS_URL is not set; expected Redis URL/m);
  });

  it('exits with code 2, one line per malformed variable, without echoing values', async () => {
    const secret = 'has spaces so it is malformed';
    const result = await waitForExit(
      spawnTs(TIMECARD_MAIN, {
        ...BASE_ENV,
        HTTP_PORT: '70000',
        DISCORD_TOKEN: secret,
        REDIS_URL: 'http://x',
      }),
    );
    expect(result.code).toBe(CONFIG_ERROR_EXIT_CODE);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        'timecard: config error: HTTP_PORT is invalid; expected a TCP port, 1-65535',
        'timecard: config error: DISCORD_TOKEN is invalid; expected a non-empty token without spaces',
        expect.stringMatching(
          /^timecard: config error: REDIS_URL is invalid; expected a redis:\/\/ or rediss:\/\//,
        ),
      ]),
    );
    expect(lines).toHaveLength(3);
    expect(result.stderr).not.toContain(secret);
  });
});
