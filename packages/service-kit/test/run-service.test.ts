import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { NatsServer, freePort } from '@timekeeper/testing';
import { eventually, spawnTs, waitForExit } from './support/processes';

const SLOW_SERVICE = join(__dirname, 'fixtures', 'slow-service.ts');

let nats: NatsServer;

beforeAll(async () => {
  nats = await NatsServer.start({ jetstream: false });
});

afterAll(async () => {
  await nats?.destroy();
});

it('on SIGTERM answers the request in flight, then exits 0', async () => {
  const port = await freePort();
  const child = spawnTs(SLOW_SERVICE, {
    PATH: process.env.PATH,
    NATS_URL: nats.url,
    HTTP_PORT: String(port),
  });
  const exited = waitForExit(child);
  const client = await connect({ servers: nats.url });
  try {
    await eventually(async () => ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok ? true : undefined));
    const answer = client.request('tk.v1.test.slow', '', { timeout: 5000 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    child.kill('SIGTERM');
    expect((await answer).string()).toBe('finished');
    const result = await exited;
    expect(result.code).toBe(0);
    const messages = result.stdout
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { msg: string }).msg);
    expect(messages).toEqual(expect.arrayContaining(['shutdown requested', 'stopping', 'stopped']));
    // A request after shutdown finds nobody.
    await expect(client.request('tk.v1.test.slow', '', { timeout: 1000 })).rejects.toThrow();
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    await client.close();
  }
}, 30_000);
