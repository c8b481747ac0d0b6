/**
 * `pnpm bench:analytics [--sessions N] [--members N] [--seconds S] [--rate R]`: a generated server
 * (10,000 members, 1,000,000 sessions over two years in Europe/Berlin by default; `--sessions` for a
 * quicker run) loaded into a private redis-server (or REDIS_URL) with the fast loader (`seed.ts`,
 * the keys storage's clock-outs write), then the service side at a fixed rate in its own process
 * (`service-side.ts`): `/leaderboard` week and `/insights` for the member with two years of history,
 * the analytics process's RSS, and the floor of the same run. Prints a Markdown table.
 */
import { execFileSync, spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { SERVICE_NODE_FLAGS } from '@timekeeper/contracts';
import { Storage } from '@timekeeper/storage';
import { RedisServer } from '@timekeeper/testing';
import { Registry } from 'prom-client';
import { HISTORY_MEMBER, seedServer, type ServerShape } from './seed';

const ADMIN = '900000000000000009';
const DAY = 86_400_000;

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i === -1 ? undefined : Number(process.argv[i + 1]?.replace(/_/g, ''));
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} takes a positive number`);
  return value;
}

const fmt = (ms: number | undefined) =>
  ms === undefined ? '–' : ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(2)} ms`;

async function main(): Promise<void> {
  const members = flag('members', 10_000);
  const sessions = flag('sessions', 1_000_000);
  const seconds = flag('seconds', 10);
  const rate = flag('rate', 200);
  const insightsShare = flag('insights-share', 0.1);
  const insightsMembers = flag('insights-members', 1);
  const external = process.env.REDIS_URL;
  const redis = external ? undefined : await RedisServer.start({ appendOnly: false });
  const redisUrl = external ?? redis!.url;
  const guildId = '100000000000000042';
  const until = Date.now() - 60_000;
  const shape: ServerShape = { guildId, members, sessions, until, days: 730, seed: 42 };
  const storage = await Storage.connect({ redisUrl, registry: new Registry(), usageCounters: 'off' });
  try {
    console.log(
      `load average before: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(', ')}`,
    );
    const ctx = (label: string) => ({
      eventId: `bench-${label}-${until}`,
      now: until - 731 * DAY,
      actor: ADMIN,
    });
    const present = await storage.redis.zcard(`tk:{${guildId}}:sessions`);
    if (external && process.argv.includes('--reuse') && present >= sessions * 0.99) {
      console.log(`reusing the ${present} sessions already in ${redisUrl}`);
    } else await seed();
    async function seed(): Promise<void> {
      // Its own connection without storage's command timeout: a loaded machine may stall a pipeline.
      const loader = storage.redis.duplicate({ commandTimeout: undefined, enableOfflineQueue: true });
      await loader.flushall('ASYNC');
      await storage.ensureDefaults(guildId, ctx('defaults'));
      await storage.updateSettings(guildId, { timeZone: 'Europe/Berlin' }, ctx('zone'));
      const settings = await storage.getSettings(guildId);
      if (!settings.ok) throw new Error('no settings');
      // Nothing to rebuild yet: the boards are built for the zone from the first write.
      await storage.rebuildPeriods(guildId, settings.value.periodGeneration);
      const seedStart = Date.now();
      let last = seedStart;
      const written = await seedServer(loader, shape, settings.value, (m, s) => {
        if (Date.now() - last > 10_000) {
          last = Date.now();
          console.log(`  seeding: ${m} members, ${s} sessions (${((last - seedStart) / 1000).toFixed(0)} s)`);
        }
      });
      loader.disconnect();
      const seedSeconds = (Date.now() - seedStart) / 1000;
      const info = await storage.redis.info('memory');
      const usedMb = Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0) / 1_048_576;
      console.log(
        `seeded ${written} sessions of ${members} members in ${seedSeconds.toFixed(1)} s (Redis ${usedMb.toFixed(0)} MB)`,
      );
    }
    const child = spawn(
      process.execPath,
      [
        // The service's own node flags, or BENCH_NODE_ARGS instead (e.g. "" for V8's defaults).
        ...(process.env.BENCH_NODE_ARGS ?? SERVICE_NODE_FLAGS.analytics.join(' ')).split(' ').filter(Boolean),
        join(__dirname, 'service-side.js'),
        JSON.stringify({
          redisUrl,
          guildId,
          members,
          historyMember: HISTORY_MEMBER,
          rate,
          seconds,
          insightsShare,
          insightsMembers,
        }),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    if (code !== 0) throw new Error(`the service side exited with ${code}`);
    const r = JSON.parse(out.trim().split('\n').at(-1)!) as {
      floor: { zrevrange: Stats; zrevrangeOpen: Stats; chart: Stats; boardSize: number };
      leaderboard: Stats;
      insights: Stats;
      coldInsights: Stats;
      rssMaxMb: number;
      cache: { hit: number; miss: number };
      failureCount: number;
      failures: string[];
      loadavg: number[];
    };
    const historySessions = await storage.redis.zcard(`tk:{${guildId}}:user:${HISTORY_MEMBER}:sessions`);
    const written = await storage.redis.zcard(`tk:{${guildId}}:sessions`);
    console.log(
      `\n${written} sessions, ${members} members; week board ${r.floor.boardSize} members; history member ${historySessions} sessions; ${rate} requests/s for ${seconds} s, ${Math.round(insightsShare * 100)} % /insights (over ${insightsMembers} member${insightsMembers === 1 ? '' : 's'})`,
    );
    console.log('\n| What | n | p50 | p95 | p99 | max | goal |');
    console.log('| --- | --- | --- | --- | --- | --- | --- |');
    const row = (what: string, s: Stats, goal: string) =>
      console.log(
        `| ${what} | ${s.n} | ${fmt(s.p50)} | ${fmt(s.p95)} | ${fmt(s.p99)} | ${fmt(s.max)} | ${goal} |`,
      );
    row('`/leaderboard` week', r.leaderboard, 'p99 ≤ 5 ms');
    row('`/insights` 30d + chart', r.insights, 'p99 ≤ 50 ms');
    row('`/insights` first view (members 1–40, one at a time, no other load)', r.coldInsights, '');
    row('floor: ZREVRANGE of the week board (page of 10), one after another', r.floor.zrevrange, '');
    row(`floor: the same ZREVRANGE open loop at ${rate}/s`, r.floor.zrevrangeOpen, '');
    row('floor: the member chart rendered alone (chart thread)', r.floor.chart, '');
    console.log(
      `\nanalytics process RSS max ${r.rssMaxMb.toFixed(0)} MB (goal < 300 MB); L1 cache ${r.cache.hit} hits, ${r.cache.miss} misses; failures ${r.failureCount}${r.failures.length ? ` (${r.failures.join('; ')})` : ''}`,
    );
    console.log(`load average after: ${r.loadavg.map((l) => l.toFixed(2)).join(', ')}`);
    try {
      console.log(execFileSync('uptime', { encoding: 'utf8' }).trim());
    } catch {
      // uptime is only a convenience
    }
  } finally {
    await storage.close().catch(() => undefined);
    await redis?.destroy();
  }
}

interface Stats {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max?: number;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
