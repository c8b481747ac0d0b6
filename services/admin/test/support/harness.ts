/** A private Redis, NATS and Discord emulator with the admin service running in this process. */
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API } from '@discordjs/core/http-only';
import { REST } from '@discordjs/rest';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { COMMAND_DEFINITIONS, DomainEvent, decode } from '@timekeeper/contracts';
import { DiscordEmulator } from '@timekeeper/discord-emulator';
import { startService, type ServiceHandle } from '@timekeeper/service-kit';
import { Storage } from '@timekeeper/storage';
import { NatsServer, RedisServer, forFile, freePort } from '@timekeeper/testing';
import { PermissionFlagsBits } from 'discord-api-types/v10';
import { Registry } from 'prom-client';
import { adminService } from '../../src';
import { AdminDriver } from './driver';

export interface HarnessOptions {
  /** Give the service a bot token (default true); without it nothing can be posted. */
  readonly discordToken?: boolean;
}

export interface TestGuild {
  readonly guildId: string;
  /** The `general` channel. */
  readonly channelId: string;
  /** Has Manage Server. */
  readonly adminId: string;
  /** No special permission. */
  readonly memberId: string;
}

let userCounter = 0;
/** Distinct snowflake-looking user ids across the whole test run. */
export function nextUserId(): string {
  userCounter += 1;
  return `3${String(Date.now()).slice(-9)}${String(userCounter).padStart(8, '0')}`;
}

export class AdminHarness {
  admin: ServiceHandle<unknown> | undefined;
  readonly driver: AdminDriver;

  private constructor(
    readonly redis: RedisServer,
    readonly nats: NatsServer,
    readonly emulator: DiscordEmulator,
    readonly nc: NatsConnection,
    /** The test's own view of storage (uncached), for asserting what was written. */
    readonly storage: Storage,
    readonly env: Record<string, string>,
  ) {
    this.driver = new AdminDriver(emulator, nc);
  }

  static async start(options: HarnessOptions = {}): Promise<AdminHarness> {
    const [redis, nats, emulator] = await Promise.all([
      RedisServer.start({ appendOnly: false }),
      NatsServer.start(),
      DiscordEmulator.start({ heartbeatInterval: 1_000, rateLimit: { limit: 500, windowMs: 1_000 } }),
    ]);
    const api = new API(new REST({ api: emulator.apiUrl }).setToken(emulator.botToken));
    await api.applicationCommands.bulkOverwriteGlobalCommands(emulator.applicationId, [
      ...COMMAND_DEFINITIONS,
    ]);
    const offsetFile = join(tmpdir(), `tk-admin-clock-${process.pid}-${Date.now()}`);
    writeFileSync(offsetFile, '0');
    const env: Record<string, string> = {
      NATS_URL: nats.url,
      REDIS_URL: redis.url,
      HTTP_PORT: String(await freePort()),
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      INSTANCE_ID: 'admin-test',
      CUSTOM_ID_SECRET: 'admin-test-secret-0123456789abcdefghijklmnop',
      DISCORD_API_URL: emulator.apiUrl,
      CLOCK_OFFSET_FILE: offsetFile,
      ...(options.discordToken === false ? {} : { DISCORD_TOKEN: emulator.botToken }),
    };
    const nc = await connect({ servers: nats.url });
    const storage = await Storage.connect({
      redisUrl: redis.url,
      registry: new Registry(),
      cache: { ttlMs: 1 },
      usageCounters: 'off',
    });
    const harness = new AdminHarness(redis, nats, emulator, nc, storage, env);
    await harness.startAdmin();
    return harness;
  }

  async startAdmin(): Promise<void> {
    this.admin = await startService(adminService, this.env);
  }

  async stopAdmin(): Promise<void> {
    await this.admin?.stop();
    this.admin = undefined;
  }

  /** A guild with its general channel, one member with Manage Server and one without. */
  async guild(): Promise<TestGuild> {
    const control = this.emulator.control;
    const guild = await control.createGuild({});
    const adminId = nextUserId();
    const memberId = nextUserId();
    await control.addMember(guild.id, {
      userId: adminId,
      permissions: String(PermissionFlagsBits.ManageGuild),
    });
    await control.addMember(guild.id, { userId: memberId });
    return { guildId: guild.id, channelId: guild.channelIds[0]!, adminId, memberId };
  }

  /** Collects the domain events of one guild as they are published. */
  events(guildId: string): {
    readonly list: DomainEvent[];
    waitFor(n: number, ms?: number): Promise<DomainEvent[]>;
  } {
    const list: DomainEvent[] = [];
    const sub = this.nc.subscribe(`tk.v1.event.${guildId}.>`);
    void (async () => {
      for await (const msg of sub) {
        const decoded = decode(DomainEvent, msg.data);
        if (decoded.ok) list.push(decoded.value);
      }
    })();
    return {
      list,
      async waitFor(n, ms = 3_000) {
        const until = Date.now() + ms;
        while (list.length < n && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
        return list;
      },
    };
  }

  async close(): Promise<void> {
    await this.stopAdmin().catch(() => undefined);
    await this.storage.close().catch(() => undefined);
    await this.nc.close().catch(() => undefined);
    await this.emulator.close().catch(() => undefined);
    await Promise.all([this.nats.destroy(), this.redis.destroy()]);
    if (this.env.CLOCK_OFFSET_FILE) rmSync(this.env.CLOCK_OFFSET_FILE, { force: true });
  }
}

/** One harness for the whole test file: started before its first test, closed after its last. */
export function useAdminHarness(options: HarnessOptions = {}): AdminHarness {
  return forFile(
    () => AdminHarness.start(options),
    (h) => h.close(),
  );
}
