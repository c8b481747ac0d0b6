/**
 * The product as members meet it: the Discord emulator with Timekeeper's commands registered through
 * `@discordjs/rest`, private redis-server and nats-server, the gateway (WS mode) and the services under
 * test as real processes built from `dist/`. Every interaction travels emulator → gateway shard → NATS →
 * service → callback. The services share one movable clock (`CLOCK_OFFSET_FILE`); the gateway keeps real
 * time, as Discord's deadlines do.
 */
import { API } from '@discordjs/core/http-only';
import { REST } from '@discordjs/rest';
import { COMMAND_DEFINITIONS } from '@timekeeper/contracts';
import { DiscordEmulator, type GuildView } from '@timekeeper/discord-emulator';
import { PermissionFlagsBits } from 'discord-api-types/v10';
import { Stack, type ServiceProcess } from '../stack';
import { MemberDriver, type Member } from './members';
import { TestClock } from './test-clock';

export const MANAGE_GUILD = String(PermissionFlagsBits.ManageGuild);

export interface ProductOptions {
  /** The services besides the gateway, e.g. ['timecard', 'admin']. */
  readonly services: readonly string[];
  readonly shards?: number;
  /** Extra environment per service (the gateway included). */
  readonly env?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly readyTimeoutMs?: number;
}

export interface ProductGuild {
  readonly view: GuildView;
  readonly id: string;
  /** The `general` channel. */
  readonly channelId: string;
  /** Has Manage Server. */
  readonly admin: Member;
  member(options?: { roles?: string[]; permissions?: string }): Promise<Member>;
}

export interface Product {
  readonly emulator: DiscordEmulator;
  readonly stack: Stack;
  readonly clock: TestClock;
  readonly members: MemberDriver;
  readonly gateway: ServiceProcess;
  /** The services under test by name. */
  readonly services: ReadonlyMap<string, ServiceProcess>;
  /** A server on `shardId` with an administrator (Manage Server). */
  guild(shardId?: number): Promise<ProductGuild>;
  /** Every service's recent log lines, for a failure message. */
  describe(): string;
  stop(): Promise<void>;
}

/** Starts everything (services in parallel); `stop()` ends it all. */
export async function startProduct(options: ProductOptions): Promise<Product> {
  const shards = options.shards ?? 1;
  const readyTimeoutMs = options.readyTimeoutMs ?? 90_000;
  const emulator = await DiscordEmulator.start({ heartbeatInterval: 1_000, recommendedShards: shards });
  const clock = new TestClock();
  let stack: Stack | undefined;
  try {
    const api = new API(new REST({ api: emulator.apiUrl }).setToken(emulator.botToken));
    await api.applicationCommands.bulkOverwriteGlobalCommands(emulator.applicationId, [
      ...COMMAND_DEFINITIONS,
    ]);
    stack = await Stack.start({ discord: emulator, logLevel: 'info' });
    const started = stack;
    const envOf = (name: string) => options.env?.[name] ?? {};
    const [gateway, ...processes] = await Promise.all([
      started.startService('gateway', {
        env: {
          GATEWAY_MODE: 'ws',
          DISCORD_SHARD_COUNT: String(shards),
          RATE_LIMIT_USER: 'off',
          RATE_LIMIT_GUILD: 'off',
          ...envOf('gateway'),
        },
        readyTimeoutMs,
      }),
      ...options.services.map((name) =>
        started.startService(name, {
          env: { CLOCK_OFFSET_FILE: clock.file, ...envOf(name) },
          readyTimeoutMs,
        }),
      ),
    ]);
    return {
      emulator,
      stack: started,
      clock,
      members: new MemberDriver(emulator.control),
      gateway: gateway!,
      services: new Map(options.services.map((name, i) => [name, processes[i]!])),
      async guild(shardId = 0) {
        const view = await emulator.control.createGuild({ shardId, shardCount: shards });
        const member = async (memberOptions: { roles?: string[]; permissions?: string } = {}) => {
          const added = await emulator.control.addMember(view.id, memberOptions);
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
        await started.stop();
        await emulator.close();
        clock.dispose();
      },
    };
  } catch (error) {
    if (stack) console.error(stack.describe(30));
    await stack?.stop().catch(() => undefined);
    await emulator.close().catch(() => undefined);
    clock.dispose();
    throw error;
  }
}
