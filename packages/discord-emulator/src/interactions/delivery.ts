import { sign, type KeyObject } from 'node:crypto';
import { parseBody } from '../body';
import { EmulatorControlError } from '../errors';
import type { GatewayServer } from '../gateway/server';
import { shardForGuild } from '../snowflake';
import type { EmulatorState, InteractionRecord } from '../state';
import type { InjectedInteraction } from '../control/types';
import type { InteractionResponder } from './responder';

export interface DeliveryOptions {
  now: () => number;
  privateKey: KeyObject;
  recommendedShards: number;
  endpointUrl: () => string | null;
}

/** Signs `timestamp + body` with Ed25519, as Discord does for HTTP interactions. */
export function signInteraction(privateKey: KeyObject, timestamp: string, body: string): string {
  return sign(null, Buffer.from(timestamp + body), privateKey).toString('hex');
}

/** Sends an injected interaction the way Discord would: INTERACTION_CREATE on its shard, or a signed POST. */
export class InteractionDelivery {
  public constructor(
    private readonly state: EmulatorState,
    private readonly gateway: GatewayServer,
    private readonly responder: InteractionResponder,
    private readonly options: DeliveryOptions,
  ) {}

  public async deliver(
    record: InteractionRecord,
    mode: 'gateway' | 'http' | undefined,
  ): Promise<InjectedInteraction> {
    const endpoint = this.options.endpointUrl();
    const delivery = mode ?? (endpoint ? 'http' : 'gateway');
    const shardCount = this.gateway.identifiedShardCount() ?? this.options.recommendedShards;
    // DMs and other guild-less events go to shard 0.
    record.shardId = record.guildId ? shardForGuild(record.guildId, shardCount) : 0;
    this.register(record);
    const base = { id: record.id, token: record.token, shardId: record.shardId, delivery };
    if (delivery === 'gateway') {
      if (!this.gateway.hasSession(record.shardId)) return { ...base, dispatched: false, live: false };
      const { live } = this.gateway.dispatch(record.shardId, 'INTERACTION_CREATE', record.payload);
      return { ...base, dispatched: true, live };
    }
    if (!endpoint) throw new EmulatorControlError(409, 'No interactions endpoint URL is set');
    const { status, body } = await this.post(endpoint, record);
    return { ...base, httpStatus: status, httpBody: body };
  }

  private register(record: InteractionRecord): void {
    this.state.interactions.set(record.id, record);
    this.state.interactionsByToken.set(record.token, record);
    this.state.changed();
  }

  private async post(
    endpoint: string,
    record: InteractionRecord,
  ): Promise<{ status: number; body: unknown }> {
    const body = JSON.stringify(record.payload);
    const timestamp = String(Math.floor(this.options.now() / 1000));
    let response: Response;
    try {
      response = await fetch(endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Discord-Interactions/1.0 (+https://discord.com)',
          'x-signature-ed25519': signInteraction(this.options.privateKey, timestamp, body),
          'x-signature-timestamp': timestamp,
        },
        body,
        signal: AbortSignal.timeout(3000),
      });
    } catch (error) {
      throw new EmulatorControlError(502, `Interactions endpoint unreachable: ${(error as Error).message}`);
    }
    const raw = Buffer.from(await response.arrayBuffer());
    let parsed: Awaited<ReturnType<typeof parseBody>>;
    try {
      parsed = await parseBody(raw, response.headers.get('content-type') ?? undefined);
    } catch {
      return { status: response.status, body: raw.toString('utf8') };
    }
    // An inline 200 answer is the initial response; 202 means the app used the callback route.
    if (response.status === 200 && typeof parsed.body === 'object' && parsed.body !== null) {
      try {
        this.responder.respond(record, parsed.body, parsed.files, 'http');
      } catch (error) {
        return { status: response.status, body: { answer: parsed.body, rejected: (error as Error).message } };
      }
    }
    return { status: response.status, body: parsed.body ?? null };
  }
}
