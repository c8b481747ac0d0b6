import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { SERVICE_NAMES } from '@timekeeper/contracts';
import { NatsServer } from '@timekeeper/testing';
import type { PingResponse, ServiceDefinition } from '../src';
import { REPO_ROOT } from './support/processes';
import { httpGet, startTestService, stopAllServices } from './support/services';

// Services depend on the kit, not the reverse, so their definitions are loaded by path at run time.
async function loadDefinition(name: string): Promise<ServiceDefinition> {
  const module = (await import(join(REPO_ROOT, 'services', name, 'src', 'service.ts'))) as Record<
    string,
    unknown
  >;
  const definition = module[`${name}Service`];
  if (definition === undefined) throw new Error(`services/${name}/src/service.ts exports no ${name}Service`);
  return definition as ServiceDefinition;
}

let nats: NatsServer;

beforeAll(async () => {
  nats = await NatsServer.start({ jetstream: false });
});

afterAll(async () => {
  await stopAllServices();
  await nats?.destroy();
});

it('starts all six services, each ready and answering $SRV.PING', async () => {
  const handles = await Promise.all(
    SERVICE_NAMES.map(async (name) =>
      startTestService(await loadDefinition(name), nats.url, { REDIS_URL: 'redis://127.0.0.1:6379' }),
    ),
  );
  for (const handle of handles) expect((await httpGet(handle.httpPort, '/readyz')).status).toBe(200);

  const client = await connect({ servers: nats.url });
  try {
    const replies = await client.requestMany('$SRV.PING', '', { strategy: 'timer', maxWait: 500 });
    const pings: PingResponse[] = [];
    for await (const reply of replies) pings.push(reply.json<PingResponse>());
    expect(pings.map((ping) => ping.name).sort()).toEqual([...SERVICE_NAMES].sort());
    expect(pings.every((ping) => ping.version === '0.1.0')).toBe(true);
  } finally {
    await client.close();
  }
});
