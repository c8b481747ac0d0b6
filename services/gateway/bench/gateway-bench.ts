/**
 * Gateway benchmark: interactions injected through the emulator's gateway at fixed rates to an echo
 * service, timed from the moment each one was due to be dispatched (the open-loop schedule: one every
 * 1/rate s from the start of the phase) to its callback arriving at the emulator, next to the floor
 * measured in the same run: a raw NATS request round trip plus a raw HTTP POST on loopback.
 *
 *   pnpm bench:gateway
 *
 * Timing from the schedule rather than from the emulator's dispatch means a late load generator (busy
 * event loop, slow control request) counts against the result instead of hiding the backlog (no
 * coordinated omission). An interaction not answered within Discord's 3 s counts as slower than any
 * answered one. The emulator runs on a sub-millisecond clock so both ends of every sample are on it.
 *
 * The gateway and the echo service run as real processes (the gateway with 4 shards and rate limits on,
 * with an allowance large enough that their Redis check stays on the path but refuses nothing); the
 * emulator and the load generator share this process. Each phase also reports the CPU time each process
 * spent per interaction (Linux /proc). Environment: BENCH_RATES (default 500,1000,2000), BENCH_SECONDS (5).
 */
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { DiscordEmulator } from '@timekeeper/discord-emulator';
import { RedisServer, Stack } from '@timekeeper/testing';
import { startBarePipeline } from './bare-pipeline';
import { httpFloor, natsFloor } from './floor';
import { clock, Injector, run, type Load, type RunResult } from './phase';
import { ms } from './stats';

const RATES = (process.env.BENCH_RATES ?? '500,1000,2000').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const SHARDS = 4;
const GUILDS_PER_SHARD = 4;

async function main(): Promise<void> {
  const emulator = await DiscordEmulator.start({
    recommendedShards: SHARDS,
    rateLimit: { limit: 1_000_000, windowMs: 1_000 },
    clock,
  });
  // No append-only file: with fsync on every write the disk, not the gateway, would set the latency.
  const redis = await RedisServer.start({ appendOnly: false });
  const stack = await Stack.start({ discord: emulator, logLevel: 'warn', redisUrl: redis.url });
  const guilds: string[] = [];
  for (let shardId = 0; shardId < SHARDS; shardId++) {
    for (let i = 0; i < GUILDS_PER_SHARD; i++) {
      guilds.push((await emulator.control.createGuild({ shardId, shardCount: SHARDS })).id);
    }
  }
  const load = { emulator, injector: new Injector(emulator), guilds };
  const servers = { redis: redis.pid, nats: stack.nats?.pid };
  const nc = await connect({ servers: stack.natsUrl });
  try {
    console.log(
      `gateway benchmark: ${SHARDS} shards, ${SECONDS} s per rate, Node ${process.version}, ` +
        `load average ${loadavg()[0]!.toFixed(2)}`,
    );
    const nats = await natsFloor(nc, 3_000);
    const http = await httpFloor(3_000);
    const floor = { p50: nats.p50 + http.p50, p95: nats.p95 + http.p95, p99: nats.p99 + http.p99 };
    console.log(`floor  NATS request          p50 ${ms(nats.p50)}  p95 ${ms(nats.p95)}  p99 ${ms(nats.p99)}`);
    console.log(`floor  HTTP POST             p50 ${ms(http.p50)}  p95 ${ms(http.p95)}  p99 ${ms(http.p99)}`);
    console.log(
      `floor  NATS + HTTP           p50 ${ms(floor.p50)}  p95 ${ms(floor.p95)}  p99 ${ms(floor.p99)}`,
    );
    const bare = await startBarePipeline({
      gatewayUrl: emulator.gatewayUrl,
      apiUrl: emulator.apiUrl,
      token: emulator.botToken,
      shardCount: SHARDS,
      natsUrl: stack.natsUrl,
      redisUrl: redis.url,
    });
    let bareResults: RunResult[];
    try {
      bareResults = await measure('bare relay', load, { ...bare.pids, ...servers });
    } finally {
      await bare.stop();
    }
    const echo = await stack.startService('timecard', { entry: join(__dirname, 'echo-service.js') });
    const gateway = await stack.startService('gateway', {
      env: {
        DISCORD_SHARD_COUNT: String(SHARDS),
        RATE_LIMIT_USER: '1000000/10s',
        RATE_LIMIT_GUILD: '1000000/10s',
      },
    });
    const results = await measure('gateway', load, { gateway: gateway.pid, echo: echo.pid, ...servers });
    console.log(JSON.stringify({ floor: { nats, http }, bare: bareResults, results }));
  } finally {
    await nc.close();
    await stack.stop();
    await redis.destroy();
    await emulator.close();
  }
}

/**
 * A warm-up (JIT, connections, pools: 1,500 interactions, enough for the hot paths to be optimised),
 * then one phase per rate, each printed as it ends.
 */
async function measure(
  label: string,
  load: Load,
  pids: Record<string, number | undefined>,
): Promise<RunResult[]> {
  await run(load, 500, 3, pids);
  const results: RunResult[] = [];
  for (const rate of RATES) {
    const result = await run(load, rate, SECONDS, pids);
    results.push(result);
    const { latency, injectLag } = result;
    const cpu = Object.entries(result.cpuPerInteraction)
      .map(([name, value]) => `${name} ${value.toFixed(2)}`)
      .join(', ');
    console.log(
      `${label.padEnd(10)} ${String(rate).padStart(5)}/s  answered ${result.answered}/${result.sent}  ` +
        `p50 ${ms(latency.p50)}  p95 ${ms(latency.p95)}  p99 ${ms(latency.p99)}  max ${ms(latency.max)}`,
    );
    console.log(
      `           injection lag p99 ${ms(injectLag.p99)}  max ${ms(injectLag.max)}  ` +
        `CPU ms per interaction: ${cpu}  (load average ${loadavg()[0]!.toFixed(2)})`,
    );
  }
  return results;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
