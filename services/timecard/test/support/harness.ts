/**
 * A private world for timecard tests: redis-server, nats-server (JetStream), the Discord emulator, the
 * timecard service started in-process (restartable), a storage connection for setup and assertions,
 * and a driver that plays members.
 */
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { COMMAND_DEFINITIONS } from '@timekeeper/contracts';
import { DiscordEmulator, type GuildView } from '@timekeeper/discord-emulator';
import { createDiscordApi, startService, type ServiceHandle } from '@timekeeper/service-kit';
import { Storage, type CategoryInput, type SettingsPatch } from '@timekeeper/storage';
import { PermissionFlagsBits } from 'discord-api-types/v10';
import { Registry } from 'prom-client';
import { createTimecardService } from '../../src/service';
import {
  MemberDriver,
  NatsServer,
  RedisServer,
  TestClock,
  forFile,
  freePort,
  type Member,
} from '@timekeeper/testing';
import { Recorder } from './recorder';
import { NatsTransport } from './nats-transport';

export const CUSTOM_ID_SECRET = 'timecard-test-secret-0123456789abcdef';
export const MANAGE_GUILD = String(PermissionFlagsBits.ManageGuild);

export interface HarnessOptions {
  /** Minimum time between two edits of a dashboard (default 300 ms in tests, 5 s in production). */
  readonly dashboardRefreshMs?: number;
}

let eventCounter = 0;

export class TimecardHarness {
  service: ServiceHandle<unknown> | undefined;
  readonly driver: MemberDriver;
  /** What the service publishes (events, jobs) from the harness's start. */
  readonly recorder: Recorder;

  private constructor(
    readonly redis: RedisServer,
    readonly nats: NatsServer,
    readonly emulator: DiscordEmulator,
    readonly storage: Storage,
    readonly nc: NatsConnection,
    readonly clock: TestClock,
    private readonly options: HarnessOptions,
  ) {
    this.driver = new MemberDriver(
      emulator.control,
      new NatsTransport(nc, emulator.control, emulator.apiUrl),
    );
    this.recorder = new Recorder(nc);
  }

  static async start(options: HarnessOptions = {}): Promise<TimecardHarness> {
    const [redis, nats, emulator] = await Promise.all([
      RedisServer.start(),
      NatsServer.start(),
      DiscordEmulator.start({ heartbeatInterval: 1_000 }),
    ]);
    const storage = await Storage.connect({
      redisUrl: redis.url,
      registry: new Registry(),
      usageCounters: 'off',
    });
    const nc = await connect({ servers: nats.url });
    const { api } = createDiscordApi({ apiUrl: emulator.apiUrl, token: emulator.botToken });
    await api.applicationCommands.bulkOverwriteGlobalCommands(emulator.applicationId, [
      ...COMMAND_DEFINITIONS,
    ]);
    const harness = new TimecardHarness(redis, nats, emulator, storage, nc, new TestClock(), options);
    await harness.startService();
    return harness;
  }

  env(httpPort: number): Record<string, string> {
    return {
      NATS_URL: this.nats.url,
      REDIS_URL: this.redis.url,
      HTTP_PORT: String(httpPort),
      LOG_LEVEL: process.env.TK_TEST_LOG_LEVEL ?? 'silent',
      INSTANCE_ID: 'timecard-test',
      CUSTOM_ID_SECRET,
      DISCORD_TOKEN: this.emulator.botToken,
      DISCORD_API_URL: this.emulator.apiUrl,
      CLOCK_OFFSET_FILE: this.clock.file,
    };
  }

  async startService(): Promise<void> {
    const interval = this.options.dashboardRefreshMs ?? 300;
    const definition = createTimecardService({
      dashboardRefresh: { intervalMs: interval, settleMs: Math.min(50, interval) },
    });
    this.service = (await startService(definition, this.env(await freePort()), {
      httpHost: '127.0.0.1',
    })) as ServiceHandle<unknown>;
  }

  async stopService(): Promise<void> {
    await this.service?.stop();
    this.service = undefined;
  }

  async restartService(): Promise<void> {
    await this.stopService();
    await this.startService();
  }

  /** A guild with categories (and settings) written straight to storage. */
  async guild(
    categories: readonly CategoryInput[] = [{ name: 'Work' }, { name: 'Break' }, { name: 'Meeting' }],
    settings: SettingsPatch = {},
  ): Promise<GuildView> {
    const guild = await this.emulator.control.createGuild();
    const ctx = () => ({
      eventId: `setup-${++eventCounter}`,
      now: this.clock.now(),
      actor: guild.memberIds[0]!,
    });
    for (const category of categories) {
      const result = await this.storage.createCategory(guild.id, category, ctx());
      if (result.status !== 'applied' || !result.outcome.ok) throw new Error('category setup failed');
    }
    if (Object.keys(settings).length > 0) {
      const result = await this.storage.updateSettings(guild.id, settings, ctx());
      if (result.status !== 'applied' || !result.outcome.ok) throw new Error('settings setup failed');
    }
    return guild;
  }

  async member(guild: GuildView, options: { manager?: boolean; roles?: string[] } = {}): Promise<Member> {
    const view = await this.emulator.control.addMember(guild.id, {
      ...(options.manager ? { permissions: MANAGE_GUILD } : {}),
      ...(options.roles ? { roles: options.roles } : {}),
    });
    return { guildId: guild.id, userId: view.userId };
  }

  async stop(): Promise<void> {
    this.recorder.stop();
    await this.stopService().catch(() => undefined);
    await this.nc.close().catch(() => undefined);
    await this.storage.close().catch(() => undefined);
    await this.emulator.close().catch(() => undefined);
    await Promise.all([this.redis.destroy(), this.nats.destroy()]);
    this.clock.dispose();
  }
}

/** One harness for the whole test file: started before its first test, stopped after its last. */
export function useTimecardHarness(options: HarnessOptions = {}): TimecardHarness {
  return forFile(
    () => TimecardHarness.start(options),
    (h) => h.stop(),
    30_000,
  );
}
