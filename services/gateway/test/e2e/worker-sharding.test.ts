import { COMMAND_DEFINITIONS } from '@timekeeper/contracts';
import type { ServiceProcess } from '@timekeeper/testing';
import { startResponder, type Responder } from '../fixtures/responder';
import { expectAnswersOnEveryShard, shardCounts, startGatewayStack, type GatewayStack } from './support';

jest.setTimeout(90_000);

describe('gateway with its shards in worker threads, registering commands at start', () => {
  let env: GatewayStack;
  let gateway: ServiceProcess;
  let responder: Responder;

  beforeAll(async () => {
    env = await startGatewayStack({ env: { GATEWAY_SHARDS_PER_WORKER: '2', REGISTER_COMMANDS: 'true' } });
    responder = await startResponder({ natsUrl: env.stack.natsUrl });
    gateway = await env.startGateway();
  });
  afterAll(async () => {
    await responder?.stop();
    await env?.stop();
  });

  it('identifies each shard once and answers interactions from all four', async () => {
    expect(await shardCounts(env)).toEqual(
      [0, 1, 2, 3].map((shardId) => ({ shardId, identifies: 1, resumes: 0 })),
    );
    await expectAnswersOnEveryShard(env);
  });

  it('registered the commands at start (REGISTER_COMMANDS=true), once', async () => {
    const registered = (await env.emulator.control.commands()).global.map((command) => command.name);
    expect(registered.sort()).toEqual(COMMAND_DEFINITIONS.map((command) => command.name).sort());
    expect(await env.emulator.control.requests({ method: 'PUT' })).toHaveLength(1);
    expect(gateway.logs).toContain('"msg":"commands registered"');
  });

  it('RESUMEs every shard after a restart, from the sessions the workers stored', async () => {
    const stopping = Date.now();
    expect((await gateway.stop()).code).toBe(0);
    // @discordjs/ws 2.0 alone hangs here until the 10-s forced exit (see manager-factory.ts).
    expect(Date.now() - stopping).toBeLessThan(5_000);
    gateway.spawn();
    await gateway.waitReady();
    expect(await shardCounts(env)).toEqual(
      [0, 1, 2, 3].map((shardId) => ({ shardId, identifies: 1, resumes: 1 })),
    );
    await expectAnswersOnEveryShard(env);
    // Nothing changed, so the restart did not overwrite the commands again.
    expect(await env.emulator.control.requests({ method: 'PUT' })).toHaveLength(1);
    expect(gateway.logs).toContain('"msg":"commands already up to date"');
  });
});
