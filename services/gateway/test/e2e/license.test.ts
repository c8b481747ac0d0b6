/**
 * The license gate against real processes: the gateway, the license sidecar, the emulator. A gateway
 * whose DISCORD_API_URL is not declared an emulator (DISCORD_EMULATOR unset) treats it as the real
 * Discord, as it would a proxy in front of Discord, so these tests exercise the real-Discord rules
 * without reaching discord.com.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { ServiceProcess } from '@timekeeper/testing';
import { startResponder, type Responder } from '../fixtures/responder';
import { expectAnswersOnEveryShard, startGatewayStack, type GatewayStack } from './support';

jest.setTimeout(120_000);

const INSTALLATION_ID = 'license-e2e-installation-0001';
const GRACE_SECONDS = 20;
const dir = mkdtempSync(join(tmpdir(), 'tk-license-'));

/** The built `pnpm license` CLI, as an operator and the vendor run it. */
async function licenseCli(args: string[], env: Record<string, string> = {}): Promise<string> {
  const cli = join(__dirname, '..', '..', '..', 'license', 'dist', 'cli', 'main.js');
  const { stdout } = await promisify(execFile)(process.execPath, [cli, ...args], {
    env: { PATH: process.env.PATH ?? '', INIT_CWD: dir, ...env },
  });
  return stdout;
}

const machineIdOf = async (installationId: string) =>
  (await licenseCli(['machine-id'], { LICENSE_INSTALLATION_ID: installationId })).trim();

let publicKeyHex = '';
async function writeLicense(name: string, machineId: string, extra: string[] = []): Promise<string> {
  const expires = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  await licenseCli([
    'issue',
    '--signing-key',
    'license-signing-key.pem',
    '--licensee',
    'E2E Ltd',
    '--license-id',
    name,
    '--machine-id',
    machineId,
    '--expires',
    expires,
    '--out',
    `${name}.license`,
    ...extra,
  ]);
  return join(dir, `${name}.license`);
}

/** Polls `probe` until it holds. */
async function eventually(probe: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`not true within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function readyz(service: ServiceProcess): Promise<{ status: number; checks: Record<string, string> }> {
  const response = await fetch(`${service.url}/readyz`);
  return {
    status: response.status,
    checks: ((await response.json()) as { checks: Record<string, string> }).checks,
  };
}

const logLines = (service: ServiceProcess, pattern: RegExp): string[] =>
  service
    .logRecords()
    .map((record) => String(record.msg))
    .filter((msg) => pattern.test(msg));

describe('the gateway and the license sidecar', () => {
  let env: GatewayStack;
  let responder: Responder;

  beforeAll(async () => {
    const keygen = await licenseCli(['keygen']);
    publicKeyHex = /LICENSE_PUBLIC_KEY=([0-9a-f]{64})/.exec(keygen)?.[1] ?? '';
    env = await startGatewayStack({ shardCount: 2 });
    responder = await startResponder({ natsUrl: env.stack.natsUrl });
  });
  afterAll(async () => {
    await responder?.stop();
    await env?.stop();
  });

  const realDiscordGateway = (label: string) =>
    env.stack.startService('gateway', {
      label,
      waitReady: false,
      env: {
        DISCORD_EMULATOR: '',
        GATEWAY_MODE: 'ws',
        DISCORD_SHARD_COUNT: '2',
        RATE_LIMIT_USER: 'off',
        RATE_LIMIT_GUILD: 'off',
        LICENSE_GRACE_PERIOD: String(GRACE_SECONDS),
      },
    });
  const sidecar = (label: string, licenseFile: string) =>
    env.stack.startService('license', {
      label,
      env: {
        LICENSE_FILE: licenseFile,
        LICENSE_PUBLIC_KEY: publicKeyHex,
        LICENSE_INSTALLATION_ID: INSTALLATION_ID,
        LICENSE_CHECK_INTERVAL: '1',
      },
    });

  it('the emulator needs no license: the sandbox-style gateway serves at once', async () => {
    const gateway = await env.startGateway('emulated');
    await expectAnswersOnEveryShard(env);
    expect(logLines(gateway, /no license needed: DISCORD_EMULATOR is set/)).toHaveLength(1);
    await gateway.stop();
  });

  it('refuses a real-Discord configuration without a license, in one log line and on /readyz', async () => {
    const before = (await env.emulator.control.shards()).reduce((sum, shard) => sum + shard.identifies, 0);
    const gateway = await realDiscordGateway('unlicensed');
    await eventually(
      async () => (await readyz(gateway).catch(() => undefined))?.checks.license !== undefined,
      20_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const ready = await readyz(gateway);
    expect(ready.status).toBe(503);
    expect(ready.checks.license).toContain('not serving Discord');
    expect(ready.checks.license).toContain('no license verdict');
    expect(logLines(gateway, /^not serving Discord/)).toHaveLength(1);
    const after = (await env.emulator.control.shards()).reduce((sum, shard) => sum + shard.identifies, 0);
    expect(after).toBe(before);
    await gateway.stop();
  });

  it('refuses a license for another machine, with the sidecar`s reason', async () => {
    const other = await machineIdOf('another-installation-0001');
    const license = await sidecar('license-wrong', await writeLicense('wrong-machine', other));
    const gateway = await realDiscordGateway('wrong-machine');
    await eventually(
      async () =>
        /not issued for this machine/.test(
          (await readyz(gateway).catch(() => undefined))?.checks.license ?? '',
        ),
      20_000,
    );
    expect((await readyz(gateway)).status).toBe(503);
    await gateway.stop();
    await license.stop();
  });

  it('refuses a license whose shard limit the gateway exceeds', async () => {
    const license = await sidecar(
      'license-small',
      await writeLicense('one-shard', await machineIdOf(INSTALLATION_ID), ['--shards', '1']),
    );
    const gateway = await realDiscordGateway('over-limit');
    await eventually(
      async () =>
        /license limit exceeded: 2 shards/.test(
          (await readyz(gateway).catch(() => undefined))?.checks.license ?? '',
        ),
      20_000,
    );
    await gateway.stop();
    await license.stop();
  });

  it('serves with a valid license, keeps serving through a sidecar restart within the grace period, and stops past it', async () => {
    const license = await sidecar(
      'license-ok',
      await writeLicense('good', await machineIdOf(INSTALLATION_ID)),
    );
    const gateway = await realDiscordGateway('licensed');
    await gateway.waitReady(30_000);
    expect(logLines(gateway, /^licensed: licensed to E2E Ltd until/)).toHaveLength(1);
    await expectAnswersOnEveryShard(env);

    // Sidecar down, and the gateway restarted meanwhile: the verdict kept in Redis carries it.
    await license.kill();
    await gateway.restart({ readyTimeoutMs: 30_000 });
    expect((await readyz(gateway)).status).toBe(200);
    await expectAnswersOnEveryShard(env);

    // Past the grace period: the shards close and readiness says why.
    await eventually(
      async () => /past the \d+ s grace period/.test((await readyz(gateway)).checks.license ?? ''),
      (GRACE_SECONDS + 15) * 1000,
    );
    await eventually(
      async () => (await env.emulator.control.shards()).every((shard) => !shard.connected),
      10_000,
    );

    // The sidecar back: serving again without a restart.
    await license.restart();
    await gateway.waitReady(30_000);
    await expectAnswersOnEveryShard(env);
    await gateway.stop();
    await license.stop();
  });
});
