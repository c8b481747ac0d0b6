/**
 * The benchmark's bare relay: the least any gateway must do for an interaction, run as its own process in
 * place of the gateway to measure the floor at rate. It holds the shards' WebSockets (hello, identify,
 * heartbeats) and, for each INTERACTION_CREATE, makes one Redis round trip (an INCR, standing for the
 * rate-limit counter), one NATS request carrying the interaction to the bare echo, and the callback POST.
 * No validation, routing, rate-limit rules, session bookkeeping, metrics or fallbacks; the Redis client is
 * a raw socket. Started by gateway-bench with DISCORD_GATEWAY_URL, DISCORD_API_URL, DISCORD_TOKEN,
 * SHARD_COUNT, NATS_URL and REDIS_URL; tells its parent `ready` once every shard is.
 */
import { connect as connectSocket, type Socket } from 'node:net';
import { connect } from '@nats-io/transport-node';
import { GatewayOpcodes, type APIInteraction, type APIInteractionResponse } from 'discord-api-types/v10';
import WebSocket from 'ws';
import { CallbackClient } from '../src/router/callback-client';
import { RequestMux } from '../src/router/request-mux';
import { BARE_SUBJECT } from './bare-pipeline';

const ANSWER: APIInteractionResponse = { type: 4, data: { content: 'echo', flags: 64 } };

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

/** INCR over a raw socket: every integer reply ends in one `\n`, so replies are counted, not parsed. */
class BareRedis {
  private readonly waiting: (() => void)[] = [];

  private constructor(private readonly socket: Socket) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) this.waiting.shift()?.();
    });
  }

  static open(url: string): Promise<BareRedis> {
    const { hostname, port } = new URL(url);
    return new Promise((resolve, reject) => {
      const socket = connectSocket(Number(port || 6379), hostname, () => resolve(new BareRedis(socket)));
      socket.once('error', reject);
    });
  }

  incr(key: string): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.socket.write(`*2\r\n$4\r\nINCR\r\n$${Buffer.byteLength(key)}\r\n${key}\r\n`);
    });
  }
}

function openShard(shardId: number, shardCount: number, onInteraction: (i: APIInteraction) => void) {
  return new Promise<void>((resolve, reject) => {
    const socket = new WebSocket(`${env('DISCORD_GATEWAY_URL')}?v=10&encoding=json`);
    let sequence: number | null = null;
    socket.on('error', reject);
    socket.on('message', (raw: Buffer) => {
      const frame = JSON.parse(raw.toString()) as { op: number; t?: string; s?: number; d: unknown };
      if (frame.s) sequence = frame.s;
      if (frame.op === GatewayOpcodes.Hello) {
        const { heartbeat_interval: every } = frame.d as { heartbeat_interval: number };
        const beat = setInterval(() => socket.send(JSON.stringify({ op: 1, d: sequence })), every);
        socket.on('close', () => clearInterval(beat));
        const properties = { os: 'linux', browser: 'bench', device: 'bench' };
        const identify = {
          token: env('DISCORD_TOKEN'),
          intents: 0,
          properties,
          shard: [shardId, shardCount],
        };
        socket.send(JSON.stringify({ op: GatewayOpcodes.Identify, d: identify }));
      } else if (frame.t === 'READY') resolve();
      else if (frame.t === 'INTERACTION_CREATE') onInteraction(frame.d as APIInteraction);
    });
  });
}

async function main(): Promise<void> {
  const redis = await BareRedis.open(env('REDIS_URL'));
  const nc = await connect({ servers: env('NATS_URL') });
  const requests = new RequestMux(nc);
  const callbacks = new CallbackClient({ apiUrl: env('DISCORD_API_URL') });
  const encoder = new TextEncoder();
  const relay = async (interaction: APIInteraction): Promise<void> => {
    await redis.incr(`bench:rate:${interaction.member?.user.id ?? interaction.user?.id}`);
    await requests.request(BARE_SUBJECT, encoder.encode(JSON.stringify(interaction)), undefined, 3_000);
    await callbacks.send(interaction.id, interaction.token, ANSWER);
  };
  const shardCount = Number(env('SHARD_COUNT'));
  const onInteraction = (interaction: APIInteraction): void =>
    void relay(interaction).catch((error: unknown) => console.error(error));
  await Promise.all(
    Array.from({ length: shardCount }, (_, shardId) => openShard(shardId, shardCount, onInteraction)),
  );
  process.send?.('ready');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
