/**
 * Gateway benchmark: interactions injected through the emulator's gateway at fixed rates to an echo
 * service, timed from dispatch (the emulator creates the interaction and sends INTERACTION_CREATE) to the
 * callback arriving at the emulator, both on the emulator's clock (millisecond resolution), next to the
 * floor measured in the same run: a raw NATS request round trip plus a raw HTTP POST on loopback.
 *
 *   pnpm bench:gateway
 *
 * The gateway and the echo service run as real processes (the gateway with 4 shards and rate limits on,
 * with an allowance large enough that their Redis check stays on the path but refuses nothing); the
 * emulator and the load generator share this process. Environment: BENCH_RATES (default 500,1000,2000), BENCH_SECONDS (5).
 */
import { connect } from '@nats-io/transport-node';
import { join } from 'node:path';
import { DiscordEmulator } from '@timekeeper/discord-emulator';
import { RedisServer, Stack } from '@timekeeper/testing';
import { httpFloor, natsFloor } from './floor';
import { ms, percentiles, type Percentiles } from './stats';

const RATES = (process.env.BENCH_RATES ?? '500,1000,2000').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const SHARDS = 4;
const GUILDS_PER_SHARD = 4;
const USERS = 5_000;

const now = (): number => Number(process.hrtime.bigint()) / 1e6;
const sleep = (msToWait: number) => new Promise((resolve) => setTimeout(resolve, msToWait));

interface RunResult {
  readonly rate: number;
  readonly sent: number;
  readonly answered: number;
  readonly latency: Percentiles;
}

async function main(): Promise<void> {
  const emulator = await DiscordEmulator.start({
    recommendedShards: SHARDS,
    rateLimit: { limit: 1_000_000, windowMs: 1_000 },
  });
  // No append-only file: with fsync on every write the disk, not the gateway, would set the latency.
  const redis = await RedisServer.start({ appendOnly: false });
  const stack = await Stack.start({ discord: emulator, logLevel: 'warn', redisUrl: redis.url });
  await stack.startService('timecard', { entry: join(__dirname, 'echo-service.js') });
  const guilds: string[] = [];
  for (let shardId = 0; shardId < SHARDS; shardId++) {
    for (let i = 0; i < GUILDS_PER_SHARD; i++) {
      guilds.push((await emulator.control.createGuild({ shardId, shardCount: SHARDS })).id);
    }
  }
  await stack.startService('gateway', {
    env: {
      DISCORD_SHARD_COUNT: String(SHARDS),
      RATE_LIMIT_USER: '1000000/10s',
      RATE_LIMIT_GUILD: '1000000/10s',
    },
  });
  const nc = await connect({ servers: stack.natsUrl });
  try {
    console.log(`gateway benchmark: ${SHARDS} shards, ${SECONDS} s per rate, Node ${process.version}`);
    const nats = await natsFloor(nc, 3_000);
    const http = await httpFloor(3_000);
    const floor = { p50: nats.p50 + http.p50, p95: nats.p95 + http.p95, p99: nats.p99 + http.p99 };
    console.log(`floor  NATS request          p50 ${ms(nats.p50)}  p95 ${ms(nats.p95)}  p99 ${ms(nats.p99)}`);
    console.log(`floor  HTTP POST             p50 ${ms(http.p50)}  p95 ${ms(http.p95)}  p99 ${ms(http.p99)}`);
    console.log(
      `floor  NATS + HTTP           p50 ${ms(floor.p50)}  p95 ${ms(floor.p95)}  p99 ${ms(floor.p99)}`,
    );
    await run(emulator, guilds, 200, 1); // warm-up: JIT, connections, pools
    const results: RunResult[] = [];
    for (const rate of RATES) {
      const result = await run(emulator, guilds, rate, SECONDS);
      results.push(result);
      const { latency } = result;
      console.log(
        `gateway ${String(rate).padStart(5)}/s  answered ${result.answered}/${result.sent}  ` +
          `p50 ${ms(latency.p50)}  p95 ${ms(latency.p95)}  p99 ${ms(latency.p99)}  max ${ms(latency.max)}`,
      );
    }
    console.log(JSON.stringify({ floor: { nats, http }, results }));
  } finally {
    await nc.close();
    await stack.stop();
    await redis.destroy();
    await emulator.close();
  }
}

/** Injects `rate` interactions per second for `seconds`, paced by the clock, then reads each one's timing. */
async function run(
  emulator: DiscordEmulator,
  guilds: readonly string[],
  rate: number,
  seconds: number,
): Promise<RunResult> {
  const total = rate * seconds;
  const injected: Promise<string>[] = [];
  const started = now();
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((now() - started) / 1000) * rate));
    for (; sent < due; sent++) {
      const guildId = guilds[sent % guilds.length]!;
      const userId = String(200_000_000_000_000_000n + BigInt(sent % USERS));
      injected.push(emulator.control.slash({ guildId, userId, name: 'clockin' }).then(({ id }) => id));
    }
    await sleep(1);
  }
  const ids = await Promise.all(injected);
  await sleep(3_000); // let the last ones be answered (or miss their 3 s deadline)
  const samples: number[] = [];
  for (let at = 0; at < ids.length; at += 32) {
    const views = await Promise.all(ids.slice(at, at + 32).map((id) => emulator.control.interaction(id)));
    for (const view of views) {
      const response = view.events.find((event) => event.kind === 'response');
      if (response) samples.push(response.at - view.createdAt);
    }
  }
  return { rate, sent, answered: samples.length, latency: percentiles(samples) };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
