import { ERROR_MESSAGES } from '@timekeeper/contracts';
import { metricValue, type ServiceProcess } from '@timekeeper/testing';
import { startResponder, type Responder } from '../fixtures/responder';
import { USER_ID, contentOf, startGatewayStack, type GatewayStack } from './support';

jest.setTimeout(60_000);

describe('gateway routing, end to end (WS shards and signed HTTP)', () => {
  let env: GatewayStack;
  let gateway: ServiceProcess;
  let responder: Responder;

  beforeAll(async () => {
    env = await startGatewayStack();
    responder = await startResponder({ natsUrl: env.stack.natsUrl, slowMs: 5_000 });
    gateway = await env.startGateway();
  });
  afterAll(async () => {
    await responder?.stop();
    await env?.stop();
  });

  it('answers an interaction injected on each of the 4 shards through the callback endpoint', async () => {
    for (const [shardId, guild] of env.guilds.entries()) {
      const injected = await env.emulator.control.slash({
        guildId: guild.id,
        userId: USER_ID,
        name: 'clockin',
      });
      expect(injected).toMatchObject({ shardId, delivery: 'gateway', dispatched: true, live: true });
      const answer = await env.emulator.control.awaitResponse(injected.id, { timeoutMs: 3_000 });
      expect(answer.via).toBe('callback');
      expect(answer.responseType).toBe(4);
      expect(contentOf(answer.body)).toBe(`echo clockin shard=${shardId} mode=ws`);
      expect(responder.received).toContain(injected.id);
    }
  });

  it('answers a signed HTTP delivery inline', async () => {
    await env.emulator.control.setInteractionsEndpoint(`${gateway.url}/interactions`);
    try {
      const injected = await env.emulator.control.slash({
        guildId: env.guilds[1]!.id,
        userId: USER_ID,
        name: 'status',
        delivery: 'http',
      });
      expect(injected.httpStatus).toBe(200);
      expect(injected.httpBody).toMatchObject({
        type: 4,
        data: { content: 'echo status shard=none mode=http' },
      });
      const answer = await env.emulator.control.awaitResponse(injected.id);
      expect(answer.via).toBe('http');
    } finally {
      await env.emulator.control.setInteractionsEndpoint(null);
    }
  });

  it('answers a DM and an unknown command itself, without asking a service', async () => {
    const before = responder.received.length;
    const dm = await env.emulator.control.slash({ userId: USER_ID, name: 'clockin' });
    expect(contentOf((await env.emulator.control.awaitResponse(dm.id)).body)).toBe(
      ERROR_MESSAGES.NOT_IN_GUILD,
    );
    const unknown = await env.emulator.control.slash({
      guildId: env.guilds[2]!.id,
      userId: USER_ID,
      name: 'nope',
    });
    const answer = await env.emulator.control.awaitResponse(unknown.id);
    expect(contentOf(answer.body)).toBe(ERROR_MESSAGES.UNKNOWN_COMMAND);
    expect((answer.body as { flags?: number }).flags).toBe(64);
    expect(responder.received.length).toBe(before);
  });

  it('shows a service error with its reference id, and replaces an answer that breaks Discord limits', async () => {
    const refused = await env.emulator.control.slash({
      guildId: env.guilds[0]!.id,
      userId: USER_ID,
      name: 'forceclockout',
    });
    const refusal = contentOf((await env.emulator.control.awaitResponse(refused.id)).body);
    expect(refusal).toBe(ERROR_MESSAGES.FORBIDDEN);

    const oversized = await env.emulator.control.slash({
      guildId: env.guilds[0]!.id,
      userId: USER_ID,
      name: 'dashboard',
    });
    const replaced = await env.emulator.control.awaitResponse(oversized.id);
    expect(replaced.responseType).toBe(4);
    expect(contentOf(replaced.body)).toMatch(
      /^Something went wrong on our side\..*\nReference ID: `[0-9a-f]{8}`$/s,
    );
    const reference = /`([0-9a-f]{8})`/.exec(contentOf(replaced.body) ?? '')![1];
    expect(gateway.logs).toContain(reference);
    expect(gateway.logs).toContain('content is longer than 2000 characters');
  });

  it('defers a slow answer in time, then edits the original response with it', async () => {
    const injected = await env.emulator.control.slash({
      guildId: env.guilds[3]!.id,
      userId: USER_ID,
      name: 'whoclocked',
    });
    const deferral = await env.emulator.control.awaitResponse(injected.id, { timeoutMs: 3_000 });
    expect(deferral.responseType).toBe(5);
    expect(deferral.body).toMatchObject({ flags: 64 });
    expect(deferral.at - (await env.emulator.control.interaction(injected.id)).createdAt).toBeLessThan(3_000);
    const edit = await env.emulator.control.awaitEdit(injected.id, {
      after: deferral.index,
      timeoutMs: 6_000,
    });
    expect(contentOf(edit.body)).toBe('late echo whoclocked');
    expect(edit.message?.flags ?? 0).toBe(64);
  });

  it('tells the user at once when no service answers', async () => {
    // analytics has no responder in this stack
    const started = Date.now();
    const injected = await env.emulator.control.slash({
      guildId: env.guilds[2]!.id,
      userId: USER_ID,
      name: 'leaderboard',
    });
    const answer = await env.emulator.control.awaitResponse(injected.id, { timeoutMs: 3_000 });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(contentOf(answer.body)).toBe(ERROR_MESSAGES.UNAVAILABLE);
    expect(answer.body).toMatchObject({ flags: 64 });
  });

  it('counts interactions, fallbacks and shard status in its metrics', async () => {
    const text = await gateway.metrics();
    expect(metricValue(text, 'timekeeper_interactions_total{command="clockin",outcome="answered"}')).toBe(4);
    expect(metricValue(text, 'timekeeper_interaction_fallbacks_total{reason="no_responder"}')).toBe(1);
    expect(metricValue(text, 'timekeeper_interaction_fallbacks_total{reason="timeout"}')).toBe(1);
    expect(metricValue(text, 'timekeeper_gateway_shard_status')).toBe(4);
    expect(metricValue(text, 'timekeeper_gateway_identifies_total')).toBe(4);
    expect(text).toContain('timekeeper_interaction_latency_seconds_bucket{le="3"');
    // No label may name a guild, a user or an interaction.
    expect(text).not.toMatch(/[{,](guild|guild_id|user|user_id|interaction|interaction_id)=/);
  });
});
