import { DiscordEmulator } from '@timekeeper/discord-emulator';
import { InteractionResponseType, type APIInteractionResponse } from 'discord-api-types/v10';
import { CallbackClient, CallbackError } from '../src/router/callback-client';

const answer: APIInteractionResponse = {
  type: InteractionResponseType.ChannelMessageWithSource,
  data: { content: 'hello' },
};

describe('CallbackClient (against the Discord emulator)', () => {
  let emulator: DiscordEmulator;
  let client: CallbackClient;
  let guildId: string;

  beforeAll(async () => {
    emulator = await DiscordEmulator.start();
    client = new CallbackClient({ apiUrl: emulator.apiUrl });
    guildId = (await emulator.control.createGuild({})).id;
  });

  afterAll(async () => {
    await client?.close();
    await emulator?.close();
  });

  const slash = () => emulator.control.slash({ guildId, userId: '900000000000000001', name: 'status' });

  it('delivers the initial response', async () => {
    const injected = await slash();
    await client.send(injected.id, injected.token, answer);
    const response = await emulator.control.awaitResponse(injected.id, { timeoutMs: 1_000 });
    expect(response.body).toMatchObject({ content: 'hello' });
  });

  it("rejects with Discord's status and code when the answer is refused", async () => {
    const injected = await slash();
    await client.send(injected.id, injected.token, answer);
    const second = await client.send(injected.id, injected.token, answer).catch((error: unknown) => error);
    expect(second).toBeInstanceOf(CallbackError);
    expect(second).toMatchObject({ status: 400, code: 40060 });

    const unknown = await client.send('1', 'no-such-token', answer).catch((error: unknown) => error);
    expect(unknown).toBeInstanceOf(CallbackError);
    expect((unknown as CallbackError).status).toBeGreaterThanOrEqual(400);
  });

  it('rejects an invalid body with 400 and leaves the interaction unanswered', async () => {
    const injected = await slash();
    const bad = { type: 4, data: { content: 'x'.repeat(2_001) } } as APIInteractionResponse;
    await expect(client.send(injected.id, injected.token, bad)).rejects.toMatchObject({
      status: 400,
      code: 50035,
    });
    await client.send(injected.id, injected.token, answer);
  });
});
