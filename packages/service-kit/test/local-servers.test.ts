import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NatsServer, freePort } from '@timekeeper/testing';
import {
  MissingServerBinaryError,
  PortInUseError,
  ensureLocalServer,
  natsServerKind,
  probeNats,
  probeRedis,
  redisServerKind,
} from '../src/supervisor/local-servers';

let dataRoot: string;
const spawned: ChildProcess[] = [];

beforeEach(() => {
  dataRoot = mkdtempSync(join(tmpdir(), 'tk-supervisor-data-'));
});

afterEach(async () => {
  for (const child of spawned.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  }
  rmSync(dataRoot, { recursive: true, force: true });
});

it('starts redis-server with AOF in <data>/redis, then reuses it', async () => {
  const kind = redisServerKind(await freePort());
  const started = await ensureLocalServer(kind, dataRoot, (child) => spawned.push(child));
  expect(started.url).toBe(`redis://127.0.0.1:${kind.port}`);
  expect(started.child).toBeDefined();
  expect(await probeRedis(kind.port)).toBe('expected');
  expect(readdirSync(join(dataRoot, 'redis')).some((entry) => entry.startsWith('appendonly'))).toBe(true);

  const reused = await ensureLocalServer(kind, dataRoot, (child) => spawned.push(child));
  expect(reused).toEqual({ name: 'redis', url: started.url, child: undefined });
  expect(spawned).toHaveLength(1);
});

it('starts nats-server with JetStream in <data>/nats', async () => {
  const kind = natsServerKind(await freePort());
  const started = await ensureLocalServer(kind, dataRoot, (child) => spawned.push(child));
  expect(started.child?.spawnargs).toEqual(expect.arrayContaining(['-js', '-sd', join(dataRoot, 'nats')]));
  expect(await probeNats(kind.port)).toBe('expected');
});

it('tells a port that answers with the wrong protocol from a free one', async () => {
  const nats = await NatsServer.start({ jetstream: false });
  try {
    expect(await probeNats(nats.port)).toBe('expected');
    expect(await probeRedis(nats.port)).toBe('other');
    await expect(ensureLocalServer(redisServerKind(nats.port), dataRoot, () => undefined)).rejects.toThrow(
      PortInUseError,
    );
    expect(await probeRedis(await freePort())).toBe('free');
  } finally {
    await nats.destroy();
  }
});

it('says how to install a missing binary', async () => {
  const kind = { ...redisServerKind(await freePort()), binary: 'no-such-redis-server' };
  const attempt = ensureLocalServer(kind, dataRoot, () => undefined);
  await expect(attempt).rejects.toThrow(MissingServerBinaryError);
  await expect(attempt).rejects.toThrow(/apt-get install redis-server nats-server/);
});
