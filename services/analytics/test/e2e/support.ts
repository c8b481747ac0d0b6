/**
 * The product as members meet it, with analytics (`startProduct` from the test harness): the gateway,
 * timecard, admin and analytics as real processes on one movable clock, plus the test's own reads of
 * storage. Members act through the emulator with the shared member driver.
 */
import type { DiscordEmulator, OptionValue } from '@timekeeper/discord-emulator';
import { Storage } from '@timekeeper/storage';
import {
  MANAGE_GUILD,
  startProduct as startStack,
  type Answer,
  type Member,
  type Stack,
  type TestClock,
} from '@timekeeper/testing';
import type { APIMessage } from 'discord-api-types/v10';
import { Registry } from 'prom-client';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export { MANAGE_GUILD };
export type { Answer, Member };

export interface Product {
  readonly emulator: DiscordEmulator;
  readonly stack: Stack;
  readonly clock: TestClock;
  readonly storage: Storage;
  slash(member: Member, name: string, options?: Record<string, OptionValue>, sub?: string): Promise<Answer>;
  click(member: Member, message: APIMessage, label: string): Promise<Answer>;
  guild(): Promise<{ id: string; admin: Member; member: (permissions?: string) => Promise<Member> }>;
  stop(): Promise<void>;
}

export async function startProduct(): Promise<Product> {
  const product = await startStack({ services: ['timecard', 'admin', 'analytics'] });
  try {
    const storage = await Storage.connect({
      redisUrl: product.stack.redisUrl,
      registry: new Registry(),
      usageCounters: 'off',
      cache: { ttlMs: 1 },
    });
    return {
      emulator: product.emulator,
      stack: product.stack,
      clock: product.clock,
      storage,
      slash: (member, name, options = {}, sub) =>
        product.members.command(member, name, { options, ...(sub ? { sub } : {}) }),
      click: (member, message, label) => product.members.click(member, message, label),
      async guild() {
        const guild = await product.guild();
        return {
          id: guild.id,
          admin: guild.admin,
          member: (permissions) => guild.member(permissions ? { permissions } : {}),
        };
      },
      async stop() {
        await storage.close().catch(() => undefined);
        await product.stop();
      },
    };
  } catch (error) {
    await product.stop().catch(() => undefined);
    throw error;
  }
}
