import { AnsweredInteractions, connectGatewayRedis } from '@timekeeper/storage/gateway';
import type { ServiceProcess } from '@timekeeper/testing';
import { startResponder, type Responder } from '../fixtures/responder';
import { USER_ID, contentOf, shardCounts, startGatewayStack, type GatewayStack } from './support';

jest.setTimeout(90_000);

describe('gateway restart resumes its sessions from Redis', () => {
  let env: GatewayStack;
  let gateway: ServiceProcess;
  let responder: Responder;

  beforeAll(async () => {
    env = await startGatewayStack();
    responder = await startResponder({ natsUrl: env.stack.natsUrl, slowMs: 800 });
    gateway = await env.startGateway();
  });
  afterAll(async () => {
    await responder?.stop();
    await env?.stop();
  });

  /** Injects one interaction per shard and checks each is answered by the responder. */
  async function injectedWhile(action: () => Promise<void>): Promise<void> {
    const ids: string[] = [];
    await action();
    for (const guild of env.guilds) {
      const injected = await env.emulator.control.slash({
        guildId: guild.id,
        userId: USER_ID,
        name: 'clockin',
      });
      // The gateway is down: the emulator keeps the dispatch for the session's RESUME.
      expect(injected).toMatchObject({ dispatched: true, live: false });
      ids.push(injected.id);
    }
    gateway.spawn();
    await gateway.waitReady();
    // Ready means serving; the shards' RESUMEs and the replay of what was dispatched meanwhile follow it,
    // so allow more than Discord's 3 s (these interactions were dispatched while the gateway was down).
    for (const [shardId, id] of ids.entries()) {
      const answer = await env.emulator.control.awaitResponse(id, { timeoutMs: 10_000 });
      expect(contentOf(answer.body)).toBe(`echo clockin shard=${shardId} mode=ws`);
    }
    expect(responder.received.filter((id) => ids.includes(id))).toHaveLength(ids.length);
  }

  it('identifies each shard once at first start', async () => {
    expect(await shardCounts(env)).toEqual(
      [0, 1, 2, 3].map((shardId) => ({ shardId, identifies: 1, resumes: 0 })),
    );
  });

  it('RESUMEs after SIGTERM, and answers what was dispatched meanwhile', async () => {
    await injectedWhile(async () => {
      expect((await gateway.stop()).code).toBe(0);
    });
    expect(await shardCounts(env)).toEqual(
      [0, 1, 2, 3].map((shardId) => ({ shardId, identifies: 1, resumes: 1 })),
    );
    expect(gateway.logs).toContain('"msg":"shard resumed"');
  });

  it('RESUMEs after kill -9, and answers what was dispatched meanwhile', async () => {
    // Traffic right before the kill, so the stored sequence numbers have moved on since the last restart.
    const before: string[] = [];
    for (const guild of env.guilds) {
      const injected = await env.emulator.control.slash({
        guildId: guild.id,
        userId: USER_ID,
        name: 'status',
      });
      await env.emulator.control.awaitResponse(injected.id);
      before.push(injected.id);
    }
    // The gateway records "answered" right after Discord accepted the answer; a kill -9 between the two
    // would make the replay answer again (Discord refuses the second answer, the user sees one). Kill after.
    const redis = await connectGatewayRedis(env.stack.redisUrl);
    const answered = new AnsweredInteractions(redis);
    const deadline = Date.now() + 5_000;
    while (
      !(await Promise.all(before.map((id) => answered.has(id)))).every(Boolean) &&
      Date.now() < deadline
    ) {
      await sleep(10);
    }
    redis.disconnect();
    await injectedWhile(async () => {
      expect((await gateway.kill()).signal).toBe('SIGKILL');
    });
    expect(await shardCounts(env)).toEqual(
      [0, 1, 2, 3].map((shardId) => ({ shardId, identifies: 1, resumes: 2 })),
    );
    // Interactions answered before the kill are not answered twice after the RESUME replay.
    expect(new Set(responder.received).size).toBe(responder.received.length);
  });

  it('after kill -9 mid-answer, the RESUME replays the unanswered interaction and it is answered', async () => {
    const injected = await env.emulator.control.slash({
      guildId: env.guilds[2]!.id,
      userId: USER_ID,
      name: 'whoclocked',
    });
    // The responder holds the request for 800 ms; kill the gateway while it waits.
    const deadline = Date.now() + 2_000;
    while (!responder.received.includes(injected.id) && Date.now() < deadline) await sleep(10);
    expect(responder.received).toContain(injected.id);
    await gateway.kill();
    gateway.spawn();
    await gateway.waitReady();
    const answer = await env.emulator.control.awaitResponse(injected.id, { timeoutMs: 3_000 });
    expect(contentOf(answer.body)).toBe('late echo whoclocked');
    expect(responder.received.filter((id) => id === injected.id)).toHaveLength(2);
  });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
