import { metricValue } from '@timekeeper/testing';
import { startResponder, type Responder } from '../fixtures/responder';
import { USER_ID, contentOf, startGatewayStack, type GatewayStack } from './support';

jest.setTimeout(60_000);

describe('rate limits', () => {
  let env: GatewayStack;
  let responder: Responder;

  beforeAll(async () => {
    env = await startGatewayStack({ shardCount: 1 });
    responder = await startResponder({ natsUrl: env.stack.natsUrl });
  });
  afterAll(async () => {
    await responder?.stop();
    await env?.stop();
  });

  it('answers the N+1th interaction of a user in the window with "slow down", without routing it', async () => {
    const gateway = await env.startGateway('gateway', {
      RATE_LIMIT_USER: '3/60s',
      RATE_LIMIT_GUILD: '100/60s',
    });
    const guildId = env.guilds[0]!.id;
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const injected = await env.emulator.control.slash({ guildId, userId: USER_ID, name: 'clockin' });
      expect(contentOf((await env.emulator.control.awaitResponse(injected.id)).body)).toMatch(
        /^echo clockin/,
      );
      ids.push(injected.id);
    }
    const fourth = await env.emulator.control.slash({ guildId, userId: USER_ID, name: 'clockin' });
    const answer = await env.emulator.control.awaitResponse(fourth.id);
    const retryAt = Number(/<t:(\d+):R>/.exec(contentOf(answer.body) ?? '')?.[1]);
    expect(contentOf(answer.body)).toMatch(/^You're going a bit fast\. Try again <t:\d+:R>\.$/);
    expect(answer.body).toMatchObject({ flags: 64 });
    expect(retryAt * 1000).toBeGreaterThan(Date.now() + 50_000);
    expect(responder.received).toEqual(ids);

    // Another user of the same guild is not affected.
    const other = await env.emulator.control.slash({
      guildId,
      userId: '200000000000000002',
      name: 'clockin',
    });
    expect(contentOf((await env.emulator.control.awaitResponse(other.id)).body)).toMatch(/^echo clockin/);
    expect(metricValue(await gateway.metrics(), 'timekeeper_gateway_rate_limited_total{scope="user"}')).toBe(
      1,
    );
    await gateway.dispose();
  });
});
