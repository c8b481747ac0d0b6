/**
 * The product as members meet it: the Discord emulator, private redis-server and nats-server, and the
 * gateway (WS mode, two shards), timecard and admin as real processes built from `dist/`. Members act
 * through the emulator; every interaction travels emulator → gateway shard → NATS → service → callback.
 * Timecard and admin share one movable clock (`CLOCK_OFFSET_FILE`); the gateway keeps real time, as
 * Discord's deadlines do.
 */
import { API } from '@discordjs/core/http-only';
import { REST } from '@discordjs/rest';
import { COMMAND_DEFINITIONS } from '@timekeeper/contracts';
import {
  DiscordEmulator,
  type EmulatorClient,
  type GuildView,
  type OptionValue,
} from '@timekeeper/discord-emulator';
import { Storage, type ReadResult } from '@timekeeper/storage';
import { Stack, type ServiceProcess } from '@timekeeper/testing';
import { PermissionFlagsBits, type APIMessage } from 'discord-api-types/v10';
import { Registry } from 'prom-client';
import { TestClock } from '../support/clock';
import { TimecardDriver, buttonId, textOf, viaGateway, type Answer } from '../support/driver';

export const SHARD_COUNT = 2;
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const MANAGE_GUILD = String(PermissionFlagsBits.ManageGuild);

export interface Member {
  readonly guildId: string;
  readonly userId: string;
}

export type { Answer };

export interface CommandPath {
  readonly group?: string;
  readonly sub?: string;
  readonly options?: Record<string, OptionValue>;
}

/**
 * Plays members through the real gateway: the shared test driver with the gateway as its transport,
 * plus commands with subcommands and the buttons and modals of direct messages.
 */
export class Members {
  private readonly driver: TimecardDriver;

  constructor(readonly control: EmulatorClient) {
    this.driver = new TimecardDriver(control, viaGateway);
  }

  slash(member: Member, name: string, path: CommandPath = {}): Promise<Answer> {
    return this.driver.answer(
      this.control.slash({
        ...member,
        name,
        ...(path.group ? { subcommandGroup: path.group } : {}),
        ...(path.sub ? { subcommand: path.sub } : {}),
        options: path.options ?? {},
      }),
    );
  }

  autocomplete(member: Member, name: string, focused: string, options: Record<string, OptionValue>) {
    return this.driver.autocomplete(member, name, focused, options);
  }

  click(member: Member, message: APIMessage, label: string): Promise<Answer> {
    return this.driver.click(member, message, label);
  }

  clickId(member: Member, customId: string, message?: APIMessage): Promise<Answer> {
    return this.driver.clickId(member, customId, message);
  }

  choose(member: Member, message: APIMessage, value: string): Promise<Answer> {
    return this.driver.choose(member, message, value);
  }

  /** Submits the modal a button in a server opened. */
  submit(member: Member, modal: Answer, fields: Record<string, string>, on?: APIMessage): Promise<Answer> {
    const customId = modal.data.custom_id as string;
    return this.driver.answer(
      this.control.submitModal({
        ...member,
        customId,
        fields,
        ...(on ? { messageId: on.id, channelId: on.channel_id } : {}),
      }),
    );
  }

  /** Presses a button on a direct message (Discord attaches no server to it). */
  clickInDm(userId: string, message: APIMessage, label: string): Promise<Answer> {
    return this.driver.answer(
      this.control.click({ userId, customId: buttonId(message, label), messageId: message.id }),
    );
  }

  /** Submits the modal a DM button opened. */
  submitInDm(userId: string, modal: Answer, fields: Record<string, string>, on: APIMessage): Promise<Answer> {
    const customId = modal.data.custom_id as string;
    return this.driver.answer(this.control.submitModal({ userId, customId, fields, messageId: on.id }));
  }
}

export interface Product {
  readonly emulator: DiscordEmulator;
  readonly stack: Stack;
  readonly clock: TestClock;
  /** The test's own reads of storage (nothing is written through it). */
  readonly storage: Storage;
  readonly members: Members;
  readonly gateway: ServiceProcess;
  readonly timecard: ServiceProcess;
  readonly admin: ServiceProcess;
  /** A server on `shardId` with an administrator (Manage Server). */
  guild(shardId: number): Promise<TestGuild>;
  /** Every service's recent log lines, for a failure message. */
  describe(): string;
  stop(): Promise<void>;
}

export interface TestGuild {
  readonly view: GuildView;
  readonly id: string;
  /** The `general` channel. */
  readonly channelId: string;
  readonly admin: Member;
  member(options?: { roles?: string[]; permissions?: string }): Promise<Member>;
}

/** Starts the emulator, redis, nats and the three services (in parallel); `stop()` ends them all. */
export async function startProduct(): Promise<Product> {
  const emulator = await DiscordEmulator.start({ heartbeatInterval: 1_000, recommendedShards: SHARD_COUNT });
  const clock = new TestClock();
  let stack: Stack | undefined;
  let storage: Storage | undefined;
  try {
    const api = new API(new REST({ api: emulator.apiUrl }).setToken(emulator.botToken));
    await api.applicationCommands.bulkOverwriteGlobalCommands(emulator.applicationId, [
      ...COMMAND_DEFINITIONS,
    ]);
    stack = await Stack.start({ discord: emulator, logLevel: 'info' });
    const movable = { env: { CLOCK_OFFSET_FILE: clock.file } };
    const started = stack;
    const [gateway, timecard, admin] = await Promise.all([
      started.startService('gateway', {
        env: {
          GATEWAY_MODE: 'ws',
          DISCORD_SHARD_COUNT: String(SHARD_COUNT),
          RATE_LIMIT_USER: 'off',
          RATE_LIMIT_GUILD: 'off',
        },
        readyTimeoutMs: 30_000,
      }),
      started.startService('timecard', { ...movable, readyTimeoutMs: 30_000 }),
      started.startService('admin', { ...movable, readyTimeoutMs: 30_000 }),
    ]);
    storage = await Storage.connect({
      redisUrl: started.redisUrl,
      registry: new Registry(),
      usageCounters: 'off',
      cache: { ttlMs: 1 },
      // The services' movable clock: what the test reads "now" is in the services' time.
      now: () => clock.now(),
    });
    const reader = storage;
    const members = new Members(emulator.control);
    return {
      emulator,
      stack: started,
      clock,
      storage: reader,
      members,
      gateway,
      timecard,
      admin,
      async guild(shardId) {
        const view = await emulator.control.createGuild({ shardId, shardCount: SHARD_COUNT });
        const member = async (options: { roles?: string[]; permissions?: string } = {}) => {
          const added = await emulator.control.addMember(view.id, options);
          return { guildId: view.id, userId: added.userId };
        };
        return {
          view,
          id: view.id,
          channelId: view.channelIds[0]!,
          admin: await member({ permissions: MANAGE_GUILD }),
          member,
        };
      },
      describe: () => started.describe(30),
      async stop() {
        await reader.close().catch(() => undefined);
        await started.stop();
        await emulator.close();
        clock.dispose();
      },
    };
  } catch (error) {
    await storage?.close().catch(() => undefined);
    await stack?.stop().catch(() => undefined);
    await emulator.close().catch(() => undefined);
    clock.dispose();
    throw error;
  }
}

/** The value of a storage read, or a failure naming what could not be read. */
export function value<T>(result: ReadResult<T>): T {
  if (!result.ok) throw new Error(`storage read failed: ${JSON.stringify(result)}`);
  return result.value;
}

/** Polls until `find` returns something, failing with `what` after `timeoutMs`. */
export async function eventually<T>(
  find: () => Promise<T | undefined | null | false>,
  what: string,
  timeoutMs = 8_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await find();
    if (found !== undefined && found !== null && found !== false) return found;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
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

export { textOf };
