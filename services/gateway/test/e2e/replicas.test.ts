import { metricValue } from '@timekeeper/testing';
import { startResponder, type Responder } from '../fixtures/responder';
import { expectAnswersOnEveryShard, startGatewayStack, type GatewayStack } from './support';

jest.setTimeout(60_000);

describe('two gateway replicas with disjoint shard ranges', () => {
  let env: GatewayStack;
  let responder: Responder;

  beforeAll(async () => {
    env = await startGatewayStack();
    responder = await startResponder({ natsUrl: env.stack.natsUrl });
  });
  afterAll(async () => {
    await responder?.stop();
    await env?.stop();
  });

  it('together serve the guilds of every shard, each replica its own', async () => {
    const a = await env.startGateway('gateway-a', { GATEWAY_MODE: 'ws', DISCORD_SHARD_IDS: '0-1' });
    const b = await env.startGateway('gateway-b', { GATEWAY_MODE: 'ws', DISCORD_SHARD_IDS: '2,3' });
    await expectAnswersOnEveryShard(env);
    const served = async (replica: typeof a) =>
      metricValue(
        await replica.metrics(),
        'timekeeper_interactions_total{command="clockin",outcome="answered"}',
      );
    expect(await served(a)).toBe(2);
    expect(await served(b)).toBe(2);
    expect(metricValue(await a.metrics(), 'timekeeper_gateway_shard_status')).toBe(2);
    const shards = await env.emulator.control.shards();
    expect(shards.map(({ shardId, identifies, ready }) => ({ shardId, identifies, ready }))).toEqual(
      [0, 1, 2, 3].map((shardId) => ({ shardId, identifies: 1, ready: true })),
    );
  });
});
