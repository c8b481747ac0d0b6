/**
 * The product as members meet it (`startProduct` from the test harness) with timecard and admin on two
 * shards, plus the test's own reads of storage on the services' movable clock.
 */
import { Storage, type ReadResult } from '@timekeeper/storage';
import {
  MANAGE_GUILD,
  eventually,
  startProduct as startStack,
  textOf,
  type Answer,
  type CommandPath,
  type Member,
  type Product as Stack,
  type ProductGuild,
  type ServiceProcess,
} from '@timekeeper/testing';
import type { EmulatorClient } from '@timekeeper/discord-emulator';
import type { APIMessage } from 'discord-api-types/v10';
import { Registry } from 'prom-client';

export const SHARD_COUNT = 2;
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export { MANAGE_GUILD, eventually, textOf };
export type { Answer, CommandPath, Member };
export type TestGuild = ProductGuild;

export interface Product extends Stack {
  /** The test's own reads of storage (nothing is written through it), on the services' clock. */
  readonly storage: Storage;
  readonly timecard: ServiceProcess;
  readonly admin: ServiceProcess;
}

/** Starts the emulator, redis, nats, the gateway, timecard and admin; `stop()` ends them all. */
export async function startProduct(): Promise<Product> {
  const stack = await startStack({
    services: ['timecard', 'admin'],
    shards: SHARD_COUNT,
    readyTimeoutMs: 30_000,
  });
  try {
    const storage = await Storage.connect({
      redisUrl: stack.stack.redisUrl,
      registry: new Registry(),
      usageCounters: 'off',
      cache: { ttlMs: 1 },
      now: () => stack.clock.now(),
    });
    return {
      ...stack,
      storage,
      timecard: stack.services.get('timecard')!,
      admin: stack.services.get('admin')!,
      async stop() {
        await storage.close().catch(() => undefined);
        await stack.stop();
      },
    };
  } catch (error) {
    await stack.stop().catch(() => undefined);
    throw error;
  }
}

/** The value of a storage read, or a failure naming what could not be read. */
export function value<T>(result: ReadResult<T>): T {
  if (!result.ok) throw new Error(`storage read failed: ${JSON.stringify(result)}`);
  return result.value;
}

/** The first DM to `userId` whose content matches, waiting for it. */
export function awaitDmMatching(
  control: EmulatorClient,
  userId: string,
  pattern: RegExp,
  timeoutMs = 10_000,
): Promise<APIMessage> {
  return eventually(
    async () => (await control.dmMessages(userId)).find((m) => pattern.test(textOf(m))),
    `a DM to ${userId} matching ${pattern}`,
    timeoutMs,
  );
}

/** The first message in `channelId` whose text matches, waiting for it. */
export function awaitPostMatching(
  control: EmulatorClient,
  channelId: string,
  pattern: RegExp,
  timeoutMs = 10_000,
): Promise<APIMessage> {
  return eventually(
    async () => (await control.messages(channelId)).find((m) => pattern.test(textOf(m))),
    `a message in ${channelId} matching ${pattern}`,
    timeoutMs,
  );
}
