import { join } from 'node:path';
import { freePort } from '@timekeeper/testing';
import { withServicePort } from '../src/config/parse-config';
import { planPorts } from '../src/supervisor/ports';
import { eventually, spawnTs, waitForExit } from './support/processes';

const ENTRY = join(__dirname, 'fixtures', 'supervise-services.ts');
const DEFAULTS = new Map([
  ['gateway', 8080],
  ['timecard', 8081],
  ['admin', 8084],
]);

describe('a service port', () => {
  it('comes from <NAME>_HTTP_PORT first, then HTTP_PORT (a service run alone)', () => {
    expect(withServicePort('gateway', { HTTP_PORT: '9000', GATEWAY_HTTP_PORT: '9100' }).HTTP_PORT).toBe(
      '9100',
    );
    expect(withServicePort('gateway', { HTTP_PORT: '9000', ADMIN_HTTP_PORT: '9100' }).HTTP_PORT).toBe('9000');
  });
});

describe('planPorts', () => {
  it('gives each service its default or its own <NAME>_HTTP_PORT', () => {
    expect(planPorts(DEFAULTS, { TIMECARD_HTTP_PORT: '9001' })).toEqual({
      ok: true,
      ports: new Map([
        ['gateway', 8080],
        ['timecard', 9001],
        ['admin', 8084],
      ]),
    });
  });

  it.each([
    [
      { HTTP_PORT: '9000' },
      /HTTP_PORT=9000 would give all 3 services the same port.*GATEWAY_HTTP_PORT, TIMECARD_HTTP_PORT, ADMIN_HTTP_PORT/,
    ],
    [
      { GATEWAY_HTTP_PORT: '9000', ADMIN_HTTP_PORT: '9000' },
      /GATEWAY_HTTP_PORT and ADMIN_HTTP_PORT are all 9000/,
    ],
    [{ ADMIN_HTTP_PORT: '8081' }, /TIMECARD_HTTP_PORT and ADMIN_HTTP_PORT are all 8081/],
    [{ GATEWAY_HTTP_PORT: 'eighty' }, /GATEWAY_HTTP_PORT is invalid; expected a TCP port/],
  ])('refuses %j', (env, message) => {
    const plan = planPorts(DEFAULTS, env);
    expect(plan.ok).toBe(false);
    expect(plan.ok ? '' : plan.problems.join('\n')).toMatch(message);
  });
});

describe('the supervisor at start-up', () => {
  it('refuses HTTP_PORT for the whole stack with a message, and starts nothing', async () => {
    const result = await waitForExit(spawnTs(ENTRY, { PATH: process.env.PATH, HTTP_PORT: '9000' }), 20_000);
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/HTTP_PORT=9000 would give all 4 services the same port/);
    expect(result.stdout).toMatch(/not starting: restarting cannot fix this setting/);
    expect(result.stdout).not.toMatch(/started /);
  }, 30_000);

  it('refuses a port another program holds', async () => {
    const { createServer } = await import('node:net');
    const port = await freePort();
    const blocker = createServer().listen(port);
    try {
      const result = await waitForExit(
        spawnTs(ENTRY, { PATH: process.env.PATH, ADMIN_HTTP_PORT: String(port) }),
        20_000,
      );
      expect(result.code).toBe(2);
      expect(result.stdout).toMatch(
        new RegExp(`port ${port} of admin is already in use; stop what holds it or set ADMIN_HTTP_PORT`),
      );
    } finally {
      blocker.close();
    }
  }, 30_000);

  it('gives each service its own port, starts the gateway after the others are ready, then says the stack is ready', async () => {
    const ports = {
      GATEWAY_HTTP_PORT: await freePort(),
      TIMECARD_HTTP_PORT: await freePort(),
      ADMIN_HTTP_PORT: await freePort(),
      LICENSE_HTTP_PORT: await freePort(),
    };
    const supervisor = spawnTs(ENTRY, {
      PATH: process.env.PATH,
      ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
    });
    const exited = waitForExit(supervisor, 30_000);
    let output = '';
    supervisor.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      await eventually(async () => (/Timekeeper is ready/.test(output) ? true : undefined), 20_000);
      for (const [variable, port] of Object.entries(ports)) {
        const name = variable.replace('_HTTP_PORT', '').toLowerCase();
        expect(output).toMatch(new RegExp(`${name} listening on ${port}`));
      }
      expect(output).toMatch(/gateway starts once timecard, admin, license are ready/);
      const lines = output.split('\n');
      const at = (pattern: RegExp) => lines.findIndex((line) => pattern.test(line));
      expect(at(/started gateway/)).toBeGreaterThan(at(/timecard ready/));
      expect(at(/started gateway/)).toBeGreaterThan(at(/admin ready/));
      expect(at(/Timekeeper is ready/)).toBeGreaterThan(at(/gateway ready/));
      expect(lines.filter((line) => /Timekeeper is ready/.test(line))).toEqual([
        expect.stringContaining(
          `Timekeeper is ready: timecard :${ports.TIMECARD_HTTP_PORT}, admin :${ports.ADMIN_HTTP_PORT}, license :${ports.LICENSE_HTTP_PORT}, gateway :${ports.GATEWAY_HTTP_PORT}`,
        ),
      ]);
    } finally {
      supervisor.kill('SIGTERM');
      await exited.catch(() => undefined);
    }
  }, 40_000);
});
