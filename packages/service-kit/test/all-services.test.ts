import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { SERVICE_NAMES } from '@timekeeper/contracts';
import { NatsServer, RedisServer } from '@timekeeper/testing';
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
let redis: RedisServer;

beforeAll(async () => {
  [nats, redis] = await Promise.all([NatsServer.start(), RedisServer.start({ appendOnly: false })]);
});

afterAll(async () => {
  await stopAllServices();
  await Promise.all([nats?.destroy(), redis?.destroy()]);
});

// Enough for every service to start; nothing here talks to Discord (the gateway takes signed HTTP only).
const publicKey = generateKeyPairSync('ed25519')
  .publicKey.export({ format: 'der', type: 'spki' })
  .subarray(-32);
const serviceEnv = () => ({
  GATEWAY_MODE: 'http',
  DISCORD_PUBLIC_KEY: publicKey.toString('hex'),
  DISCORD_APPLICATION_ID: '1100000000000000001',
  REDIS_URL: redis.url,
  CUSTOM_ID_SECRET: 'all-services-test-secret-0123456789abcdef',
  DISCORD_TOKEN: 'test-token',
  DISCORD_API_URL: 'http://127.0.0.1:9/api',
  DISCORD_EMULATOR: 'true',
});

it('starts all six services, each ready and answering $SRV.PING', async () => {
  const handles = await Promise.all(
    SERVICE_NAMES.map(async (name) => startTestService(await loadDefinition(name), nats.url, serviceEnv())),
  );
  for (const handle of handles) {
    const ready = await httpGet(handle.httpPort, '/readyz');
    expect(`${handle.identity.name} ${ready.status} ${ready.status === 200 ? '' : ready.body}`).toBe(
      `${handle.identity.name} 200 `,
    );
  }

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
