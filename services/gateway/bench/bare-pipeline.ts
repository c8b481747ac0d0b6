/**
 * The floor at rate: the bare relay (bare-relay.ts) and its echo (bare-echo.ts) run as processes in the
 * gateway's and the service's places, so the same load meets the same hops with none of the gateway's work.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export const BARE_SUBJECT = 'bench.bare.interaction';

export interface BarePipelineOptions {
  readonly gatewayUrl: string;
  readonly apiUrl: string;
  readonly token: string;
  readonly shardCount: number;
  readonly natsUrl: string;
  readonly redisUrl: string;
}

export interface BarePipeline {
  readonly pids: { readonly relay: number | undefined; readonly echo: number | undefined };
  stop(): Promise<void>;
}

/** Forks `entry` (in this folder) and resolves once it sends its first message. */
function startProcess(entry: string, env: Record<string, string>): Promise<ChildProcess> {
  const child = fork(join(__dirname, entry), { env: { ...process.env, ...env } });
  return new Promise((resolve, reject) => {
    child.once('message', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`${entry} exited (${code}) before it was ready`)));
  });
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

export async function startBarePipeline(options: BarePipelineOptions): Promise<BarePipeline> {
  const echo = await startProcess('bare-echo.js', { NATS_URL: options.natsUrl });
  const relay = await startProcess('bare-relay.js', {
    DISCORD_GATEWAY_URL: options.gatewayUrl,
    DISCORD_API_URL: options.apiUrl,
    DISCORD_TOKEN: options.token,
    SHARD_COUNT: String(options.shardCount),
    NATS_URL: options.natsUrl,
    REDIS_URL: options.redisUrl,
  }).catch(async (error: unknown) => {
    await stopProcess(echo);
    throw error;
  });
  return {
    pids: { relay: relay.pid, echo: echo.pid },
    async stop() {
      await stopProcess(relay);
      await stopProcess(echo);
    },
  };
}
