/**
 * Plays the gateway's part for one service's tests: a NATS request to the service, then the callback to
 * the emulator.
 */
import type { NatsConnection } from '@nats-io/transport-node';
import {
  decode,
  encode,
  InteractionReply,
  InteractionRequest,
  subjects,
  type InteractionService,
} from '@timekeeper/contracts';
import type { EmulatorClient, InjectedInteraction } from '@timekeeper/discord-emulator';
import type { InteractionTransport } from '@timekeeper/testing';
import { MessageFlags, type APIInteractionResponse } from 'discord-api-types/v10';

export class NatsTransport implements InteractionTransport {
  constructor(
    private readonly nc: NatsConnection,
    private readonly control: EmulatorClient,
    private readonly apiUrl: string,
    private readonly service: InteractionService = 'timecard',
  ) {}

  async deliver(injected: InjectedInteraction): Promise<void> {
    const view = await this.control.interaction(injected.id);
    const now = Date.now();
    const request = encode(InteractionRequest, {
      v: 1,
      interaction: view.payload as InteractionRequest['interaction'],
      shardId: null,
      receivedAt: now,
      deadline: now + 3_000,
      mode: 'ws',
    });
    if (!request.ok) throw new Error(`bad interaction request: ${request.error.message}`);
    const reply = await this.nc.request(subjects.interaction(this.service), request.value, {
      timeout: 5_000,
    });
    const decoded = decode(InteractionReply, reply.data);
    if (!decoded.ok) throw new Error(`unreadable reply: ${decoded.error.message}`);
    const answer: APIInteractionResponse =
      decoded.value.kind === 'response'
        ? (decoded.value.response as APIInteractionResponse)
        : {
            type: 4,
            data: {
              content: `${decoded.value.error.message} (reference ${decoded.value.error.referenceId})`,
              flags: MessageFlags.Ephemeral,
            },
          };
    // Like the gateway's REST client, wait out a 429 (retry_after seconds) and send the callback again.
    let response: Response;
    for (let attempt = 0; ; attempt++) {
      response = await fetch(`${this.apiUrl}/v10/interactions/${injected.id}/${injected.token}/callback`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(answer),
      });
      if (response.status !== 429 || attempt >= 5) break;
      const { retry_after: retryAfter } = (await response.json()) as { retry_after?: number };
      await new Promise((resolve) => setTimeout(resolve, Math.ceil((retryAfter ?? 0.05) * 1000) + 5));
    }
    if (!response.ok) throw new Error(`callback refused (${response.status}): ${await response.text()}`);
  }
}
