import { connect, type NatsConnection } from '@nats-io/transport-node';
import { Registry } from 'prom-client';
import { NatsServer, RedisServer } from '@timekeeper/testing';
import { Storage, type StorageOptions } from '../src';

export const GUILD = '100000000000000001';
export const ADMIN = '900000000000000009';
export const user = (n: number): string => String(200000000000000000n + BigInt(n));

let counter = 0;
/** A unique event id per call, so tests never collide by accident. */
export const eventId = (label = 'e'): string => `${label}-${process.pid}-${++counter}`;

export const ctx = (now: number, actor = ADMIN, reason?: string) => ({
  eventId: eventId(),
  now,
  actor,
  ...(reason === undefined ? {} : { reason }),
});

export interface Harness {
  redis: RedisServer;
  storage: Storage;
  registry: Registry;
}

export async function startStorage(
  options: Partial<StorageOptions> = {},
  appendOnly = false,
): Promise<Harness> {
  const redis = await RedisServer.start({ appendOnly });
  const registry = new Registry();
  const storage = await Storage.connect({ redisUrl: redis.url, registry, ...options });
  return { redis, storage, registry };
}

export async function stopStorage(h: Harness | undefined): Promise<void> {
  if (!h) return;
  await h.storage.close().catch(() => undefined);
  await h.redis.destroy();
}

/** Unwraps an applied write, failing the test if it was journaled. */
export function applied<O>(result: { status: 'applied'; outcome: O } | { status: 'journaled' }): O {
  if (result.status !== 'applied') throw new Error(`expected applied, got ${result.status}`);
  return result.outcome;
}

/** A private Redis (append-only file, fsync always) and NATS with JetStream, and a connection to NATS. */
export interface Servers {
  readonly redis: RedisServer;
  readonly nats: NatsServer;
  readonly nc: NatsConnection;
}

export async function startServers(): Promise<Servers> {
  const [redis, nats] = await Promise.all([RedisServer.start(), NatsServer.start()]);
  return { redis, nats, nc: await connect({ servers: nats.url }) };
}

/** Closes `storage` (if any) and stops the servers. */
export async function stopServers(servers: Servers | undefined, storage?: Storage): Promise<void> {
  await storage?.close().catch(() => undefined);
  await servers?.nc.close();
  await Promise.all([servers?.redis.destroy(), servers?.nats.destroy()]);
}
