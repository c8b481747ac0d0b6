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
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { DiscordEmulator } from '@timekeeper/discord-emulator';
import { RedisServer, Stack } from '@timekeeper/testing';
import { startBarePipeline } from './bare-pipeline';
import { httpFloor, natsFloor } from './floor';
import { ms, percentiles, type Percentiles } from './stats';

const RATES = (process.env.BENCH_RATES ?? '500,1000,2000').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const SHARDS = 4;
const GUILDS_PER_SHARD = 4;
const USERS = 5_000;
/** Discord's deadline for the first answer; the emulator refuses later callbacks. */
const DEADLINE_MS = 3_000;

/** Epoch ms with sub-millisecond resolution; the emulator's clock too. */
const clock = (): number => performance.timeOrigin + performance.now();
const sleep = (msToWait: number) => new Promise((resolve) => setTimeout(resolve, msToWait));

interface RunResult {
  readonly rate: number;
  readonly sent: number;
  readonly answered: number;
  /** Due time → callback at the emulator; unanswered ones count as Infinity. */
  readonly latency: Percentiles;
  /** Due time → the emulator created and dispatched the interaction (the load generator's own delay). */
  readonly injectLag: Percentiles;
  /** CPU ms per interaction, by process. */
  readonly cpuPerInteraction: Record<string, number>;
}

/**
 * Injects through the emulator's in-process entry point (the same path as its control API, without the
 * HTTP round trip): the load generator shares this process with the emulator, and every bit of CPU it
 * spends is taken from the processes being measured on the same cores.
 */
class Injector {
  constructor(private readonly emulator: DiscordEmulator) {}

  async slash(input: { guildId: string; userId: string; name: string }): Promise<{ id: string }> {
    const injected = await this.emulator.inject({ kind: 'slash', ...input });
    if (injected.dispatched === false) throw new Error('inject: shard not connected');
    return injected;
  }
}

/** CPU ms used so far by each process (this one through process.cpuUsage, the others through /proc). */
function cpuMs(pids: Record<string, number | undefined>): Record<string, number> {
  const usage = process.cpuUsage();
  const result: Record<string, number> = { 'bench+emulator': (usage.user + usage.system) / 1000 };
  for (const [name, pid] of Object.entries(pids)) {
    if (pid === undefined) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime + stime, in clock ticks of 10 ms (USER_HZ = 100 on Linux).
      result[name] = (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
      // not Linux, or the process is gone: leave it out
    }
  }
  return result;
}

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

interface Load {
  readonly emulator: DiscordEmulator;
  readonly injector: Injector;
  readonly guilds: readonly string[];
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

/**
 * Injects `rate` interactions per second for `seconds` on an absolute schedule (interaction i is due at
 * start + i/rate, whatever happened to the ones before), then reads each one's timing.
 */
async function run(
  { emulator, injector, guilds }: Load,
  rate: number,
  seconds: number,
  pids: Record<string, number | undefined>,
): Promise<RunResult> {
  const total = rate * seconds;
  const period = 1000 / rate;
  const injected: Promise<{ id: string; dueAt: number }>[] = [];
  // Each answer is read as the emulator records it, and the interaction is then forgotten: kept to the
  // end, every interaction and its message would outlive the young generation of this process (which
  // also times the answers) and lengthen its collections.
  const answers = new Map<string, { createdAt: number; at: number }>();
  const stopListening = emulator.onInteractionEvent((interaction, event) => {
    if (event.kind !== 'response') return;
    answers.set(interaction.id, { createdAt: interaction.createdAt, at: event.at });
    emulator.forget(interaction.id);
  });
  const cpuBefore = cpuMs(pids);
  const started = clock();
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor((clock() - started) / period) + 1);
    for (; sent < due; sent++) {
      const dueAt = started + sent * period;
      const guildId = guilds[sent % guilds.length]!;
      const userId = String(200_000_000_000_000_000n + BigInt(sent % USERS));
      injected.push(injector.slash({ guildId, userId, name: 'clockin' }).then(({ id }) => ({ id, dueAt })));
    }
    await sleep(1);
  }
  const sentAll = await Promise.all(injected);
  await sleep(DEADLINE_MS); // let the last ones be answered (or miss their 3 s deadline)
  stopListening();
  const cpuAfter = cpuMs(pids);
  const samples: number[] = [];
  const lags: number[] = [];
  for (const { id, dueAt } of sentAll) {
    const answer = answers.get(id);
    // Unanswered interactions are still in the emulator: their dispatch time comes from there.
    const createdAt = answer?.createdAt ?? (await emulator.control.interaction(id)).createdAt;
    samples.push(answer ? answer.at - dueAt : Infinity);
    lags.push(createdAt - dueAt);
  }
  const cpuPerInteraction: Record<string, number> = {};
  for (const [name, after] of Object.entries(cpuAfter)) {
    cpuPerInteraction[name] = (after - (cpuBefore[name] ?? after)) / total;
  }
  return {
    rate,
    sent,
    answered: samples.filter(Number.isFinite).length,
    latency: percentiles(samples),
    injectLag: percentiles(lags),
    cpuPerInteraction,
  };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
