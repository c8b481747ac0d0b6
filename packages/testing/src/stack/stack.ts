import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { NatsServer } from '../nats-server';
import { freePort } from '../ports';
import { RedisServer } from '../redis-server';
import { ServiceProcess } from './service-process';

/** The Discord side the services talk to: the emulator's values, or a real application's. */
export interface StackDiscord {
  readonly apiUrl: string;
  readonly botToken: string;
  readonly applicationId: string;
  readonly publicKey?: string;
}

export interface StackOptions {
  /** Use these instead of starting private servers (they are not stopped by the stack). */
  readonly redisUrl?: string;
  readonly natsUrl?: string;
  readonly discord?: StackDiscord;
  /** Default LOG_LEVEL of every service; `info` keeps enough to explain a failure. */
  readonly logLevel?: string;
  /** Variables every service gets (after the stack's own, before a service's own). */
  readonly env?: Readonly<Record<string, string>>;
  /** Repository root; found from the working directory when omitted. */
  readonly rootDir?: string;
}

export interface StartServiceOptions {
  /** Distinguishes replicas of one service; default: the service name. Becomes INSTANCE_ID. */
  readonly label?: string;
  readonly env?: Readonly<Record<string, string>>;
  /** Script to run instead of services/<name>/dist/main.js. */
  readonly entry?: string;
  /** Wait for GET /readyz (default true). */
  readonly waitReady?: boolean;
  readonly readyTimeoutMs?: number;
}

/** A built service entry is missing; the message says how to build it. */
export class ServiceNotBuiltError extends Error {
  override readonly name = 'ServiceNotBuiltError';
}

/** Finds the monorepo root (the folder holding pnpm-workspace.yaml) from `start` upwards. */
export function findRepoRoot(start: string = process.cwd()): string {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no pnpm-workspace.yaml above ${start}`);
    dir = parent;
  }
}

/**
 * An end-to-end test stack: private redis-server and nats-server (unless given), and services started as
 * real processes with the environment they would get in production, pointed at the Discord emulator.
 * `stop()` ends every process and server it started.
 */
export class Stack {
  private readonly services = new Map<string, ServiceProcess>();
  /** Shared by every service of the stack, as in production (buttons signed by one are read by another). */
  readonly customIdSecret = randomBytes(24).toString('base64url');

  private constructor(
    readonly rootDir: string,
    readonly redisUrl: string,
    readonly natsUrl: string,
    readonly redis: RedisServer | undefined,
    readonly nats: NatsServer | undefined,
    private readonly options: StackOptions,
  ) {}

  static async start(options: StackOptions = {}): Promise<Stack> {
    const rootDir = options.rootDir ?? findRepoRoot();
    const redis = options.redisUrl ? undefined : await RedisServer.start();
    let nats: NatsServer | undefined;
    try {
      nats = options.natsUrl ? undefined : await NatsServer.start();
    } catch (error) {
      await redis?.destroy();
      throw error;
    }
    return new Stack(
      rootDir,
      options.redisUrl ?? redis!.url,
      options.natsUrl ?? nats!.url,
      redis,
      nats,
      options,
    );
  }

  /** The environment a service gets before its own overrides. */
  baseEnv(label: string, httpPort: number): Record<string, string> {
    const { discord } = this.options;
    const inherited: Record<string, string> = {};
    for (const key of ['PATH', 'HOME', 'TMPDIR', 'NODE_OPTIONS']) {
      const value = process.env[key];
      if (value !== undefined) inherited[key] = value;
    }
    return {
      ...inherited,
      NATS_URL: this.natsUrl,
      REDIS_URL: this.redisUrl,
      HTTP_PORT: String(httpPort),
      LOG_LEVEL: this.options.logLevel ?? 'info',
      INSTANCE_ID: label,
      CUSTOM_ID_SECRET: this.customIdSecret,
      ...(discord
        ? {
            DISCORD_API_URL: discord.apiUrl,
            // The emulator runs on this machine; the gateway needs no license for it.
            DISCORD_EMULATOR: 'true',
            DISCORD_TOKEN: discord.botToken,
            DISCORD_APPLICATION_ID: discord.applicationId,
            ...(discord.publicKey ? { DISCORD_PUBLIC_KEY: discord.publicKey } : {}),
          }
        : {}),
      ...this.options.env,
    };
  }

  /** Starts `services/<name>/dist/main.js` (or `entry`) and, by default, waits until it is ready. */
  async startService(name: string, options: StartServiceOptions = {}): Promise<ServiceProcess> {
    const label = options.label ?? name;
    if (this.services.has(label)) throw new Error(`a service labelled ${label} is already in this stack`);
    const entry = options.entry ?? join(this.rootDir, 'services', name, 'dist', 'main.js');
    if (!existsSync(entry)) {
      throw new ServiceNotBuiltError(
        `${entry} does not exist; build first: pnpm turbo run build --filter=@timekeeper/${name}...`,
      );
    }
    const httpPort = await freePort();
    const service = new ServiceProcess({
      name,
      label,
      entry,
      cwd: this.rootDir,
      env: { ...this.baseEnv(label, httpPort), ...options.env },
      httpPort,
    });
    this.services.set(label, service);
    service.spawn();
    if (options.waitReady !== false) await service.waitReady(options.readyTimeoutMs);
    return service;
  }

  service(label: string): ServiceProcess {
    const service = this.services.get(label);
    if (!service) throw new Error(`no service labelled ${label} in this stack`);
    return service;
  }

  /** The logs of every service, for a failing test's message. */
  describe(lines?: number): string {
    return [...this.services.values()].map((service) => service.describe(lines)).join('\n');
  }

  /** Stops every service (SIGTERM, then SIGKILL) and the servers the stack started. */
  async stop(): Promise<void> {
    await Promise.all([...this.services.values()].map((service) => service.dispose()));
    this.services.clear();
    await Promise.all([this.redis?.destroy(), this.nats?.destroy()]);
  }
}
