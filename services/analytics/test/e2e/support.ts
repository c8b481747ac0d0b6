/**
 * The product as members meet it, with analytics: the Discord emulator, private redis-server and
 * nats-server, and the gateway, timecard, admin and analytics as real processes built from `dist/`.
 * Members act through the emulator with the shared test driver; every interaction travels emulator →
 * gateway shard → NATS → service → callback. Timecard, admin and analytics share one movable clock.
 */
import { API } from '@discordjs/core/http-only';
import { REST } from '@discordjs/rest';
import { COMMAND_DEFINITIONS } from '@timekeeper/contracts';
import { DiscordEmulator, type OptionValue } from '@timekeeper/discord-emulator';
import { Storage } from '@timekeeper/storage';
import { Stack } from '@timekeeper/testing';
import { PermissionFlagsBits, type APIMessage } from 'discord-api-types/v10';
import { Registry } from 'prom-client';
import { offsetFileClock } from '@timekeeper/service-kit';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answerOf, buttonId, type Answer } from './driver';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const MANAGE_GUILD = String(PermissionFlagsBits.ManageGuild);

export interface Member {
  readonly guildId: string;
  readonly userId: string;
}

export type { Answer };

/** A clock every service shares through `CLOCK_OFFSET_FILE`: moving it here moves it for them. */
export class TestClock {
  readonly file: string;
  private readonly dir = mkdtempSync(join(tmpdir(), 'tk-clock-'));
  private readonly reader;
  constructor() {
    this.file = join(this.dir, 'offset');
    writeFileSync(this.file, '0');
    this.reader = offsetFileClock(this.file);
  }
  now(): number {
    return this.reader.now();
  }
  set(instant: number): void {
    writeFileSync(this.file, String(instant - Date.now()));
  }
  advance(ms: number): void {
    this.set(this.now() + ms);
  }
  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

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
  const emulator = await DiscordEmulator.start({ heartbeatInterval: 1_000, recommendedShards: 1 });
  const clock = new TestClock();
  const api = new API(new REST({ api: emulator.apiUrl }).setToken(emulator.botToken));
  await api.applicationCommands.bulkOverwriteGlobalCommands(emulator.applicationId, [...COMMAND_DEFINITIONS]);
  const stack = await Stack.start({ discord: emulator, logLevel: 'info' });
  try {
    const movable = { env: { CLOCK_OFFSET_FILE: clock.file }, readyTimeoutMs: 90_000 };
    await Promise.all([
      stack.startService('gateway', {
        env: {
          GATEWAY_MODE: 'ws',
          DISCORD_SHARD_COUNT: '1',
          RATE_LIMIT_USER: 'off',
          RATE_LIMIT_GUILD: 'off',
        },
        readyTimeoutMs: 90_000,
      }),
      stack.startService('timecard', movable),
      stack.startService('admin', movable),
      stack.startService('analytics', movable),
    ]);
  } catch (error) {
    console.error(stack.describe(30));
    await stack.stop().catch(() => undefined);
    await emulator.close().catch(() => undefined);
    throw error;
  }
  const storage = await Storage.connect({
    redisUrl: stack.redisUrl,
    registry: new Registry(),
    usageCounters: 'off',
    cache: { ttlMs: 1 },
  });
  return {
    emulator,
    stack,
    clock,
    storage,
    slash: (member, name, options = {}, sub) =>
      answerOf(
        emulator.control,
        emulator.control.slash({ ...member, name, ...(sub ? { subcommand: sub } : {}), options }),
      ),
    click: (member, message, label) =>
      answerOf(
        emulator.control,
        emulator.control.click({
          ...member,
          customId: buttonId(message, label),
          messageId: message.id,
          channelId: message.channel_id,
        }),
      ),
    async guild() {
      const view = await emulator.control.createGuild({ shardId: 0, shardCount: 1 });
      const member = async (permissions?: string) => {
        const added = await emulator.control.addMember(view.id, permissions ? { permissions } : {});
        return { guildId: view.id, userId: added.userId };
      };
      return { id: view.id, admin: await member(MANAGE_GUILD), member };
    },
    async stop() {
      await storage.close().catch(() => undefined);
      await stack.stop();
      await emulator.close();
      clock.dispose();
    },
  };
}
