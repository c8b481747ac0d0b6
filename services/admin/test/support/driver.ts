/**
 * Drives the admin service the way the gateway does: an interaction is created at the Discord
 * emulator, sent as an `InteractionRequest` on `tk.v1.interaction.admin`, and the reply is delivered
 * back to the emulator's callback endpoint — which checks it against Discord's limits.
 */
import type { NatsConnection } from '@nats-io/transport-node';
import {
  InteractionReply,
  InteractionRequest,
  decode,
  encode,
  subjects,
  type ErrorCode,
} from '@timekeeper/contracts';
import type {
  ClickInput,
  DiscordEmulator,
  InjectedInteraction,
  SlashInput,
} from '@timekeeper/discord-emulator';
import {
  InteractionResponseType,
  MessageFlags,
  type APIEmbed,
  type APIInteraction,
  type APIInteractionResponse,
  type APIMessage,
} from 'discord-api-types/v10';

export interface AdminAnswer {
  readonly interactionId: string;
  readonly reply: InteractionReply;
  /** What reached the emulator (an error reply is shown as an ephemeral message, as the gateway does). */
  readonly response: APIInteractionResponse;
  /** The message the emulator holds after the response (new or updated). */
  readonly message: APIMessage | null;
  readonly ephemeral: boolean;
  /** Error code when the service refused. */
  readonly errorCode: ErrorCode | undefined;
  readonly embeds: APIEmbed[];
  /** Content plus every embed's title, description, field names and values, and footer. */
  readonly text: string;
  /** custom_ids of the components on the message. */
  readonly customIds: string[];
  readonly choices: { name: string; value: string | number }[];
}

export class AdminDriver {
  constructor(
    private readonly emulator: DiscordEmulator,
    private readonly nc: NatsConnection,
  ) {}

  /** `/command …` as `userId` in `guildId`. */
  async slash(input: SlashInput): Promise<AdminAnswer> {
    return this.run(await this.emulator.control.slash(input));
  }

  async autocomplete(input: SlashInput & { focused: string }): Promise<AdminAnswer> {
    return this.run(await this.emulator.control.autocomplete(input));
  }

  async click(input: ClickInput): Promise<AdminAnswer> {
    return this.run(await this.emulator.control.click(input));
  }

  private deliver(injected: InjectedInteraction, response: APIInteractionResponse): Promise<Response> {
    return postCallback(
      `${this.emulator.apiUrl}/v10/interactions/${injected.id}/${injected.token}/callback`,
      response,
    );
  }

  /** Sends one interaction to the service and delivers its answer. */
  async run(injected: InjectedInteraction): Promise<AdminAnswer> {
    const view = await this.emulator.control.interaction(injected.id);
    return this.runPayload(injected, view.payload);
  }

  /** Like `run`, with a payload the test changed (e.g. to point an option at something that is gone). */
  async runPayload(injected: InjectedInteraction, payload: unknown): Promise<AdminAnswer> {
    const control = this.emulator.control;
    const now = Date.now();
    const request: InteractionRequest = {
      v: 1,
      interaction: payload as APIInteraction,
      shardId: 0,
      receivedAt: now,
      deadline: now + 2_500,
      mode: 'ws',
    };
    const body = encode(InteractionRequest, request);
    if (!body.ok) throw new Error(`bad interaction request: ${body.error.message}`);
    const msg = await this.nc.request(subjects.interaction('admin'), body.value, { timeout: 5_000 });
    const decoded = decode(InteractionReply, msg.data);
    if (!decoded.ok) throw new Error(`unreadable reply: ${decoded.error.message}`);
    const reply = decoded.value;
    const response: APIInteractionResponse =
      reply.kind === 'response'
        ? reply.response
        : {
            type: InteractionResponseType.ChannelMessageWithSource,
            data: {
              content: reply.error.message,
              flags: MessageFlags.Ephemeral,
              allowed_mentions: { parse: [] },
            },
          };
    const callback = await this.deliver(injected, response);
    if (!callback.ok) {
      throw new Error(`the emulator refused the response (${callback.status}): ${await callback.text()}`);
    }
    const event = await control.awaitResponse(injected.id, { timeoutMs: 3_000 });
    const message = event.message;
    const data = 'data' in response ? (response.data as Record<string, unknown> | undefined) : undefined;
    const embeds = (message?.embeds ?? (data?.embeds as APIEmbed[] | undefined) ?? []) as APIEmbed[];
    const content = message?.content ?? (typeof data?.content === 'string' ? data.content : '');
    const flags = typeof data?.flags === 'number' ? data.flags : (message?.flags ?? 0);
    return {
      interactionId: injected.id,
      reply,
      response,
      message,
      ephemeral: (flags & MessageFlags.Ephemeral) !== 0,
      errorCode: reply.kind === 'error' ? reply.error.code : undefined,
      embeds,
      text: [content, ...embeds.map(embedText)].join('\n'),
      customIds: customIdsOf(message?.components ?? (data?.components as unknown[] | undefined) ?? []),
      choices: (data?.choices as AdminAnswer['choices'] | undefined) ?? [],
    };
  }
}

async function postCallback(url: string, response: APIInteractionResponse): Promise<Response> {
  // Like the REST client: wait out a 429 and try again.
  for (let attempt = 0; ; attempt++) {
    const result = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(response),
    });
    if (result.status !== 429 || attempt >= 5) return result;
    const wait = Number(((await result.json()) as { retry_after?: number }).retry_after ?? 0.1);
    await new Promise((resolve) => setTimeout(resolve, Math.ceil(wait * 1000) + 10));
  }
}

export function embedText(embed: APIEmbed): string {
  return [
    embed.title ?? '',
    embed.description ?? '',
    ...(embed.fields ?? []).flatMap((f) => [f.name, f.value]),
    embed.footer?.text ?? '',
  ].join('\n');
}

function customIdsOf(components: readonly unknown[]): string[] {
  const ids: string[] = [];
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const record = node as { custom_id?: unknown; components?: unknown; disabled?: unknown };
    if (typeof record.custom_id === 'string') ids.push(record.custom_id);
    if (Array.isArray(record.components)) record.components.forEach(visit);
  };
  components.forEach(visit);
  return ids;
}
