/**
 * Storage benchmark: clock-in + clock-out pairs per second at saturation, and latency at a fixed
 * 1,000 pairs/s, with usage counters written directly and through the write batcher, next to the floor
 * measured in the same run (a Redis PING and a no-op EVALSHA round trip).
 *
 *   node packages/storage/dist/bench/storage-bench.js     (REDIS_URL=redis://… to use a running server)
 *
 * Options (environment): BENCH_SECONDS (default 5), BENCH_CONCURRENCY (default 128), BENCH_RATE (default 1000).
 */
import { Redis } from 'ioredis';
import { Registry } from 'prom-client';
import { RedisServer } from '@timekeeper/testing';
import { noopScript } from '../redis/scripts';
import { Storage } from '../storage';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 128);
const RATE = Number(process.env.BENCH_RATE ?? 1000);

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

let eventSeq = 0;
let clock = Date.UTC(2025, 0, 6, 9);
/** One clock-in + clock-out; returns the two latencies (ms). */
async function pair(storage: Storage, guildId: string, userId: string): Promise<[number, number]> {
  const t0 = now();
  const start = (clock += 1_000);
  const a = await storage.clockIn(
    { guildId, userId, category: 'work' },
    { eventId: `b${++eventSeq}`, now: start, actor: userId },
  );
  const t1 = now();
  const b = await storage.clockOut(
    { guildId, userId },
    { eventId: `b${++eventSeq}`, now: start + 600_000, actor: userId },
  );
  const t2 = now();
  if (a.status !== 'applied' || !a.outcome.ok || b.status !== 'applied' || !b.outcome.ok) {
    throw new Error(`pair failed: ${JSON.stringify([a, b])}`);
  }
  return [t1 - t0, t2 - t1];
}

async function saturation(storage: Storage, guildId: string): Promise<number> {
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
  return pairs / ((now() - started) / 1000);
}

async function fixedRate(
  storage: Storage,
  guildId: string,
): Promise<{ inn: Stats; out: Stats; pair: Stats }> {
  const inn: number[] = [];
  const out: number[] = [];
  const total = RATE * SECONDS;
  const running: Promise<void>[] = [];
  const t0 = now();
  let launched = 0;
  // Open loop: pairs start on schedule whatever earlier ones are doing; each user does one pair.
  while (launched < total) {
    const due = Math.min(total, Math.floor(((now() - t0) * RATE) / 1000) + 1);
    for (; launched < due; launched++) {
      const userId = String(5_000_000 + launched);
      running.push(
        pair(storage, guildId, userId).then(([a, b]) => {
          inn.push(a);
          out.push(b);
        }),
      );
    }
    await new Promise((r) => setTimeout(r, 1));
  }
  await Promise.all(running);
  return { inn: stats(inn), out: stats(out), pair: stats(inn.map((a, i) => a + out[i]!)) };
}

async function main(): Promise<void> {
  const server = process.env.REDIS_URL ? undefined : await RedisServer.start({ appendOnly: false });
  const url = process.env.REDIS_URL ?? server!.url;
  console.log(
    `storage benchmark — redis ${url}${server ? ' (private, AOF off)' : ''}, ${SECONDS}s per phase`,
  );
  console.log(`saturation: ${CONCURRENCY} concurrent members; fixed rate: ${RATE} pairs/s, open loop\n`);
  try {
    const raw = new Redis(url);
    const ping = await roundTrips('PING round trip', 5_000, () => raw.ping());
    const evalsha = await roundTrips('no-op EVALSHA round trip', 5_000, () => noopScript.run(raw, [], []));
    raw.disconnect();
    // A write is one EVALSHA, so that is the floor an operation is compared with.
    const floor = evalsha.p99;
    const results: string[] = [];
    for (const mode of ['direct', 'batched'] as const) {
      const storage = await Storage.connect({ redisUrl: url, registry: new Registry(), usageCounters: mode });
      const guildId = mode === 'direct' ? '4000000000000001' : '4000000000000002';
      await storage.ensureDefaults(guildId, { eventId: `defaults-${Date.now()}`, now: 0, actor: '1' });
      for (let i = 0; i < 300; i++) await pair(storage, guildId, '9999'); // warm-up
      const perSecond = await saturation(storage, guildId);
      const rate = await fixedRate(storage, guildId);
      await storage.close();
      const label = mode === 'direct' ? 'counters direct ' : 'counters batched';
      results.push(
        `${label}  saturation ${perSecond.toFixed(0).padStart(6)} pairs/s` +
          `  | at ${RATE}/s: clock-in p50 ${fmt(rate.inn.p50)} p99 ${fmt(rate.inn.p99)}` +
          `  clock-out p50 ${fmt(rate.out.p50)} p99 ${fmt(rate.out.p99)}` +
          `  pair p99 ${fmt(rate.pair.p99)}` +
          `  | op p99 / EVALSHA p99 = ${(Math.max(rate.inn.p99, rate.out.p99) / floor).toFixed(2)}×`,
      );
    }
    console.log('');
    for (const line of results) console.log(line);
    console.log(`\nfloor: no-op EVALSHA p99 ${fmt(floor)}, PING p99 ${fmt(ping.p99)}`);
    console.log('goals: ≥ 10000 pairs/s at saturation; clock-in / clock-out p99 ≤ 3× the EVALSHA floor');
  } finally {
    await server?.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
