import { generateKeyPairSync } from 'node:crypto';
import { signInteraction } from '@timekeeper/discord-emulator';
import { everyMalformedInteraction, type ServiceProcess } from '@timekeeper/testing';
import fc from 'fast-check';
import { startResponder, type Responder } from '../fixtures/responder';
import { USER_ID, startGatewayStack, type GatewayStack } from './support';

jest.setTimeout(60_000);

describe('POST /interactions (GATEWAY_MODE=http)', () => {
  const keys = generateKeyPairSync('ed25519');
  let env: GatewayStack;
  let gateway: ServiceProcess;
  let responder: Responder;

  beforeAll(async () => {
    env = await startGatewayStack({ emulator: { signingKeyPair: keys } });
    responder = await startResponder({ natsUrl: env.stack.natsUrl });
    gateway = await env.startGateway('gateway', { GATEWAY_MODE: 'http' });
  });
  afterAll(async () => {
    await responder?.stop();
    await env?.stop();
  });

  const post = (body: string, headers: Record<string, string>) =>
    fetch(`${gateway.url}/interactions`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', ...headers },
    });
  const now = () => String(Math.floor(Date.now() / 1000));
  const signed = (body: string, timestamp = now()) => ({
    'x-signature-ed25519': signInteraction(keys.privateKey, timestamp, body),
    'x-signature-timestamp': timestamp,
  });

  it.each([
    [
      'a bad signature over a non-JSON body',
      'not json {',
      { 'x-signature-ed25519': 'ab'.repeat(64), 'x-signature-timestamp': '1' },
    ],
    ['no signature headers', '{"type":1}', {}],
    ['a signature of another body', '{"type":1}', signed('{"type":2}')],
  ])('answers 401 to %s', async (_name, body, headers) => {
    const response = await post(body, headers as Record<string, string>);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: 'invalid request signature' });
  });

  it('answers 401 to a correctly signed request with a stale timestamp', async () => {
    const stale = String(Math.floor(Date.now() / 1000) - 301);
    expect((await post('{"type":1}', signed('{"type":1}', stale))).status).toBe(401);
  });

  it('answers 400 only once the signature is good', async () => {
    expect((await post('not json {', signed('not json {'))).status).toBe(400);
  });

  it.each([
    ['null'],
    ['0'],
    ['42.5'],
    ['[]'],
    ['[{"type":2}]'],
    ['"interaction"'],
    ['true'],
    ['{}'],
    ['{"type":"2"}'],
    ['{"type":2}'],
    ['{"type":2,"id":1,"token":"t","application_id":"1"}'],
  ])('answers 400, never 5xx, to the signed JSON %s, which is not an interaction', async (body) => {
    const response = await post(body, signed(body));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'not an interaction' });
  });

  it('answers PING with PONG as JSON', async () => {
    const response = await post('{"type":1}', signed('{"type":1}'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({ type: 1 });
  });

  it('answers an interaction signed by Discord (the emulator) inline, without opening any shard', async () => {
    await env.emulator.control.setInteractionsEndpoint(`${gateway.url}/interactions`);
    const injected = await env.emulator.control.slash({
      guildId: env.guilds[0]!.id,
      userId: USER_ID,
      name: 'clockin',
    });
    expect(injected.httpStatus).toBe(200);
    expect(injected.httpBody).toMatchObject({
      type: 4,
      data: { content: 'echo clockin shard=none mode=http', flags: 64 },
    });
    expect(responder.received).toEqual([injected.id]);
    expect(await env.emulator.control.shards()).toEqual([]);
  });

  it('never answers 5xx to an interaction with any field of the wrong type (every field, generated)', async () => {
    const cases = everyMalformedInteraction({ command: 'clockin' });
    expect(cases.length).toBeGreaterThanOrEqual(100);
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...cases), async (malformed) => {
        const body = JSON.stringify(malformed.interaction);
        const response = await post(body, signed(body));
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        expect([200, 400]).toContain(response.status);
        const answer = (await response.json()) as { type?: unknown; error?: unknown };
        if (response.status === 200) expect([1, 4, 5, 6, 7, 8, 9]).toContain(answer.type);
      }),
      { numRuns: cases.length, examples: cases.map((c) => [c]) },
    );
    expect(statuses.get(200)).toBeGreaterThan(0);
    expect(statuses.get(400)).toBeGreaterThan(0);
  });
});
