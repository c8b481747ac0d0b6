import { DiscordEmulator, type EmulatorStartOptions, type GuildView } from '@timekeeper/discord-emulator';
import { Stack, type ServiceProcess } from '@timekeeper/testing';

export const USER_ID = '200000000000000001';

export interface GatewayStack {
  readonly emulator: DiscordEmulator;
  readonly stack: Stack;
  /** One guild per shard: guilds[i] lives on shard i. */
  readonly guilds: GuildView[];
  startGateway(label?: string, env?: Record<string, string>): Promise<ServiceProcess>;
  stop(): Promise<void>;
}

/**
 * The emulator (in this process), private redis + nats, and helpers to run gateways as real processes.
 * Rate limits are off unless a test turns them on.
 */
export async function startGatewayStack(
  options: { shardCount?: number; emulator?: EmulatorStartOptions; env?: Record<string, string> } = {},
): Promise<GatewayStack> {
  const shardCount = options.shardCount ?? 4;
  const emulator = await DiscordEmulator.start({
    heartbeatInterval: 1_000,
    recommendedShards: shardCount,
    ...options.emulator,
  });
  const stack = await Stack.start({ discord: emulator, logLevel: 'info' });
  const guilds: GuildView[] = [];
  for (let shardId = 0; shardId < shardCount; shardId++) {
    guilds.push(await emulator.control.createGuild({ shardId, shardCount }));
  }
  return {
    emulator,
    stack,
    guilds,
    startGateway: (label = 'gateway', env = {}) =>
      stack.startService('gateway', {
        label,
        env: {
          GATEWAY_MODE: 'both',
          DISCORD_SHARD_COUNT: String(shardCount),
          RATE_LIMIT_USER: 'off',
          RATE_LIMIT_GUILD: 'off',
          ...options.env,
          ...env,
        },
      }),
    async stop() {
      await stack.stop();
      await emulator.close();
    },
  };
}

/** The content of an answer the emulator recorded (callback or inline HTTP). */
export function contentOf(body: unknown): string | undefined {
  return (body as { content?: string } | null)?.content;
}

/** Injects `/clockin` in each shard's guild and expects the echo responder's answer through the callback. */
export async function expectAnswersOnEveryShard(env: GatewayStack): Promise<void> {
  for (const [shardId, guild] of env.guilds.entries()) {
    const injected = await env.emulator.control.slash({
      guildId: guild.id,
      userId: USER_ID,
      name: 'clockin',
    });
    const answer = await env.emulator.control.awaitResponse(injected.id, { timeoutMs: 3_000 });
    expect(contentOf(answer.body)).toBe(`echo clockin shard=${shardId} mode=ws`);
  }
}

/** IDENTIFY and RESUME counts per shard, as the emulator saw them. */
export async function shardCounts(
  env: GatewayStack,
): Promise<{ shardId: number; identifies: number; resumes: number }[]> {
  return (await env.emulator.control.shards()).map(({ shardId, identifies, resumes }) => ({
    shardId,
    identifies,
    resumes,
  }));
}
