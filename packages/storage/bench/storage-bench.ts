/**
 * Storage benchmark: clock-in + clock-out pairs per second at saturation, and latency at a fixed
 * 1,000 pairs/s, against Redis with the durable setting every deployment uses (`appendfsync always`:
 * Redis fsyncs its append-only file before it answers), with `everysec` for comparison, and with the
 * durable setting plus NATS (the outage journal and its per-server markers, as deployed), next to the floor measured in the same run (a Redis PING and a no-op EVALSHA round trip, and the no-op
 * EVALSHA under the same open-loop generator as the fixed-rate phases).
 *
 *   pnpm bench:storage         (REDIS_URL=redis://… to measure one running server instead)
 *
 * Options (environment): BENCH_SECONDS (default 5), BENCH_CONCURRENCY (default 128), BENCH_RATE
 * (default 1000), BENCH_SETUPS (default `always,everysec,always+journal`: the private Redis fsync
 * policies to measure, in order; `+journal` also gives storage a private nats-server, so every direct
 * write first checks its server's journal marker, as in production).
 *
 * The fixed-rate phases are open loop: a worker thread keeps an absolute schedule (operation i is due at
 * t0 + i / rate, so nothing drifts) and tells the main thread when operations are due, the way requests
 * arrive from a socket. Each clock-in's latency counts from its scheduled start, so a stalled event loop
 * or a late message is charged to the operations it delayed (no coordinated omission); each clock-out
 * is sent as soon as its clock-in returns and counts from then. Every phase starts from a quiet state:
 * the previous phase's work has finished, leftovers (batched counters) had time to flush, and a full GC
 * has run, so no phase pays for another's garbage.
 */
import { PerformanceObserver, monitorEventLoopDelay } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Worker } from 'node:worker_threads';
import { Redis } from 'ioredis';
import { Registry } from 'prom-client';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { noopScript, Storage } from '@timekeeper/storage';
import { NatsServer, RedisServer } from '@timekeeper/testing';

/** A time inside the window storage accepts (2015 to a day past the server clock). */
const T0 = Date.UTC(2024, 4, 6, 8);

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 128);
const RATE = Number(process.env.BENCH_RATE ?? 1000);
const SETUPS = (process.env.BENCH_SETUPS ?? 'always,everysec,always+journal').split(',');

interface Stats {
  p50: number;
  p99: number;
  mean: number;
}

function stats(samplesMs: number[]): Stats {
  const s = [...samplesMs].sort((a, b) => a - b);
  const at = (q: number): number => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
  return { p50: at(0.5), p99: at(0.99), mean: s.reduce((n, x) => n + x, 0) / Math.max(1, s.length) };
}

const fmt = (ms: number): string => `${(ms * 1000).toFixed(0).padStart(6)} µs`;
const now = (): number => Number(process.hrtime.bigint()) / 1e6;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

setFlagsFromString('--expose-gc');
const gc = ((globalThis as { gc?: () => void }).gc ?? runInNewContext('gc')) as () => void;

/** Lets the previous phase's leftovers (batched counters flush every 50 ms) finish, then collects garbage. */
async function settle(): Promise<void> {
  await sleep(250);
  gc();
  gc();
  await sleep(50);
}

/**
 * The schedule keeper, in a worker thread so that it is never held up by the work it measures: it
 * sleeps until the next operation is almost due, spins the last 0.2 ms, and posts how many are due.
 */
const SCHEDULER = `
const { parentPort, workerData } = require('node:worker_threads');
const { rate, total } = workerData;
const t0 = process.hrtime.bigint() + 5_000_000n;
parentPort.postMessage(String(t0));
const periodNs = 1e9 / rate;
const cell = new Int32Array(new SharedArrayBuffer(4));
const SPIN_NS = 200_000;
let sent = 0;
while (sent < total) {
  const elapsed = Number(process.hrtime.bigint() - t0);
  const due = Math.min(total, Math.floor(elapsed / periodNs) + 1);
  if (elapsed >= 0 && due > sent) {
    parentPort.postMessage(due);
    sent = due;
  } else if (sent * periodNs - elapsed > SPIN_NS) {
    // Sleeps until shortly before the next operation is due (a timed wait oversleeps by up to ~0.1 ms)…
    Atomics.wait(cell, 0, 0, (sent * periodNs - elapsed - SPIN_NS) / 1e6);
  }
  // …and spins the rest of the way, so operations are released on time, not late by the sleep's slack.
}
`;

/**
 * Runs `total` operations open loop at `rate` per second; operation i is due at t0 + i / rate (ms,
 * on the `now()` clock) and `run(i, due)` starts it. Resolves when every operation has finished.
 */
async function openLoop(
  rate: number,
  total: number,
  run: (i: number, due: number) => Promise<void>,
): Promise<{ lag: Stats }> {
  const period = 1000 / rate;
  const lags: number[] = [];
  const running: Promise<void>[] = [];
  let launched = 0;
  let t0 = NaN; // the worker's first message: its schedule starts 5 ms later
  const worker = new Worker(SCHEDULER, { eval: true, workerData: { rate, total } });
  await new Promise<void>((resolve, reject) => {
    worker.on('error', reject);
    worker.on('message', (message: number | string) => {
      if (typeof message === 'string') {
        t0 = Number(BigInt(message)) / 1e6;
        return;
      }
      const at = now();
      for (; launched < message; launched++) {
        const scheduled = t0 + launched * period;
        lags.push(at - scheduled);
        running.push(run(launched, scheduled));
      }
      if (launched >= total) resolve();
    });
  });
  await Promise.all(running);
  await worker.terminate();
  return { lag: stats(lags) };
}

/** Event-loop delay and GC pauses while a phase runs (diagnostics printed beside its figures). */
function watchRuntime(): () => string {
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const pauses: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) pauses.push(entry.duration);
  });
  observer.observe({ entryTypes: ['gc'] });
  return () => {
    loop.disable();
    observer.disconnect();
    const max = pauses.reduce((m, d) => Math.max(m, d), 0);
    const sum = pauses.reduce((n, d) => n + d, 0);
    return (
      `loop delay p99 ${fmt(loop.percentile(99) / 1e6)} max ${fmt(loop.max / 1e6)}, ` +
      `gc ${pauses.length} pauses, ${sum.toFixed(1)} ms total, max ${fmt(max)}`
    );
  };
}

async function roundTrips(label: string, n: number, fn: () => Promise<unknown>): Promise<Stats> {
  for (let i = 0; i < 500; i++) await fn(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = now();
    await fn();
    samples.push(now() - t);
  }
  const s = stats(samples);
  console.log(`floor  ${label.padEnd(28)} p50 ${fmt(s.p50)}  p99 ${fmt(s.p99)}`);
  return s;
}

// Event ids are unique per run, so a run against a server that kept earlier runs' data is not a replay.
const RUN = Date.now().toString(36);
let eventSeq = 0;
let clock = Date.UTC(2025, 0, 6, 9);
/** One clock-in + clock-out; returns the two latencies (ms), the clock-in's from `t0` (its due time). */
async function pair(
  storage: Storage,
  guildId: string,
  userId: string,
  t0 = now(),
): Promise<[number, number]> {
  const start = (clock += 1_000);
  const a = await storage.clockIn(
    { guildId, userId, category: 'work' },
    { eventId: `b${RUN}-${++eventSeq}`, now: start, actor: userId },
  );
  const t1 = now();
  const b = await storage.clockOut(
    { guildId, userId },
    { eventId: `b${RUN}-${++eventSeq}`, now: start + 600_000, actor: userId },
  );
  const t2 = now();
  if (a.status !== 'applied' || !a.outcome.ok || b.status !== 'applied' || !b.outcome.ok) {
    throw new Error(`pair failed: ${JSON.stringify([a, b])}`);
  }
  return [t1 - t0, t2 - t1];
}

/**
 * CPU time (ms) used so far by this process and by the Redis server (INFO cpu), and the script calls
 * Redis has run (INFO commandstats: group commit puts several writes in one call).
 */
async function cpuNow(redis: Redis): Promise<{ client: number; server: number; scriptCalls: number }> {
  const info = await redis.info('cpu');
  const commands = await redis.info('commandstats');
  const field = (name: string): number => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1]);
  const { user, system } = process.cpuUsage();
  return {
    client: (user + system) / 1000,
    server: (field('used_cpu_sys') + field('used_cpu_user')) * 1000,
    scriptCalls: Number(/cmdstat_evalsha:calls=(\d+)/.exec(commands)?.[1] ?? 0),
  };
}

/**
 * Pairs per second with CONCURRENCY members back to back, and the CPU each pair cost this process and
 * Redis: on a machine shared with other work the rate shows the share it got, the CPU what it needs.
 */
async function saturation(
  storage: Storage,
  guildId: string,
): Promise<{ perSecond: number; clientCpuUs: number; serverCpuUs: number; writesPerCall: number }> {
  const before = await cpuNow(storage.redis);
  const deadline = now() + SECONDS * 1000;
  let pairs = 0;
  const started = now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, w) => {
      const userId = String(1_000_000 + w);
      while (now() < deadline) {
        await pair(storage, guildId, userId);
        pairs++;
      }
    }),
  );
  const seconds = (now() - started) / 1000;
  const after = await cpuNow(storage.redis);
  return {
    perSecond: pairs / seconds,
    clientCpuUs: ((after.client - before.client) * 1000) / pairs,
    serverCpuUs: ((after.server - before.server) * 1000) / pairs,
    writesPerCall: (2 * pairs) / Math.max(1, after.scriptCalls - before.scriptCalls),
  };
}

async function fixedRate(
  storage: Storage,
  guildId: string,
): Promise<{ inn: Stats; out: Stats; pair: Stats; lag: Stats; runtime: string }> {
  const inn: number[] = [];
  const out: number[] = [];
  const pairs: number[] = [];
  const runtime = watchRuntime();
  // Each pair is a different member, so pairs never wait for one another.
  const { lag } = await openLoop(RATE, RATE * SECONDS, async (i, due) => {
    const [a, b] = await pair(storage, guildId, String(5_000_000 + i), due);
    inn.push(a);
    out.push(b);
    pairs.push(a + b);
  });
  return { inn: stats(inn), out: stats(out), pair: stats(pairs), lag, runtime: runtime() };
}

/** The floor under the same open-loop generator as the fixed-rate phases: a no-op EVALSHA at RATE/s. */
async function floorAtRate(raw: Redis): Promise<Stats> {
  const samples: number[] = [];
  await openLoop(RATE, RATE * SECONDS, async (_i, due) => {
    await noopScript.run(raw, [], []);
    samples.push(now() - due);
  });
  const s = stats(samples);
  console.log(`floor  ${`no-op EVALSHA at ${RATE}/s`.padEnd(28)} p50 ${fmt(s.p50)}  p99 ${fmt(s.p99)}`);
  return s;
}

/** What one set of phases runs against: Redis's fsync policy, and whether storage has NATS (journal). */
interface Setup {
  readonly label: string;
  readonly redisUrl: string;
  readonly nats?: NatsConnection;
}

/** Saturation and the fixed-rate phase against one setup; returns the lines to print. */
async function measure(setup: Setup, floor: Stats, atRate: Stats): Promise<string[]> {
  // A long command timeout: an overloaded server shows as latency here, not as an outage.
  const storage = await Storage.connect({
    redisUrl: setup.redisUrl,
    registry: new Registry(),
    breaker: { timeoutMs: 60_000 },
    ...(setup.nats ? { nats: setup.nats } : {}),
  });
  const guildId = '4000000000000001';
  await storage.ensureDefaults(guildId, { eventId: `defaults-${RUN}`, now: T0, actor: '1' });
  for (let i = 0; i < 300; i++) await pair(storage, guildId, '9999'); // warm-up
  await settle();
  const sat = await saturation(storage, guildId);
  await settle();
  const rate = await fixedRate(storage, guildId);
  await storage.close();
  await settle();
  const worst = Math.max(rate.inn.p99, rate.out.p99);
  return [
    `${setup.label.padEnd(24)} saturation ${sat.perSecond.toFixed(0).padStart(6)} pairs/s` +
      ` (CPU per pair: benchmark ${sat.clientCpuUs.toFixed(0)} µs, redis ${sat.serverCpuUs.toFixed(0)} µs;` +
      ` ${sat.writesPerCall.toFixed(1)} writes per script call)` +
      `  | at ${RATE}/s: clock-in p50 ${fmt(rate.inn.p50)} p99 ${fmt(rate.inn.p99)}` +
      `  clock-out p50 ${fmt(rate.out.p50)} p99 ${fmt(rate.out.p99)}` +
      `  pair p99 ${fmt(rate.pair.p99)}` +
      `  | op p99 / at-rate floor p99 = ${(worst / atRate.p99).toFixed(2)}× (closed-loop floor ${(worst / floor.p99).toFixed(2)}×)`,
    `${' '.repeat(24)} generator lag p50 ${fmt(rate.lag.p50)} p99 ${fmt(rate.lag.p99)}; ${rate.runtime}`,
  ];
}

/**
 * Private servers for one setup name (`always`, `everysec`, `always+journal`), or the server REDIS_URL
 * names, for the length of `use`.
 */
async function withSetup<T>(name: string, use: (setup: Setup) => Promise<T>): Promise<T> {
  const given = process.env.REDIS_URL;
  const [fsync, journal] = name.split('+') as ['always' | 'everysec', string | undefined];
  const redis = given ? undefined : await RedisServer.start({ appendFsync: fsync });
  const natsServer = journal ? await NatsServer.start() : undefined;
  const nats = natsServer ? await connect({ servers: natsServer.url }) : undefined;
  const label = `${given ? 'given server' : `appendfsync ${fsync}`}${journal ? ' + journal' : ''}`;
  try {
    return await use({ label, redisUrl: given ?? redis!.url, ...(nats ? { nats } : {}) });
  } finally {
    await nats?.close();
    await Promise.all([redis?.destroy(), natsServer?.destroy()]);
  }
}

async function main(): Promise<void> {
  const given = process.env.REDIS_URL;
  console.log(
    `storage benchmark — ${given ? `redis ${given}` : 'private redis-server (appendonly yes)'}, setups ${SETUPS.join(', ')}, ${SECONDS}s per phase`,
  );
  console.log(`saturation: ${CONCURRENCY} concurrent members; fixed rate: ${RATE} pairs/s, open loop\n`);
  // The floor: no-op round trips write nothing, so the fsync policy does not touch them.
  const [ping, floor, atRate] = await withSetup('always', async ({ redisUrl }) => {
    const raw = new Redis(redisUrl);
    const result = [
      await roundTrips('PING round trip', 5_000, () => raw.ping()),
      await roundTrips('no-op EVALSHA round trip', 5_000, () => noopScript.run(raw, [], [])),
    ];
    await settle();
    result.push(await floorAtRate(raw));
    raw.disconnect();
    return result as [Stats, Stats, Stats];
  });
  const results: string[] = [];
  for (const name of SETUPS)
    results.push(...(await withSetup(name, (setup) => measure(setup, floor, atRate))));
  console.log('');
  for (const line of results) console.log(line);
  console.log(
    `\nfloor: no-op EVALSHA p99 ${fmt(floor.p99)}, PING p99 ${fmt(ping.p99)}; ` +
      `no-op EVALSHA at ${RATE}/s (same generator) p50 ${fmt(atRate.p50)} p99 ${fmt(atRate.p99)}`,
  );
  console.log(
    'goals (appendfsync always): ≥ 10000 pairs/s at saturation; clock-in / clock-out p99 at 1000/s ≤ 3× the at-rate floor p99',
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
