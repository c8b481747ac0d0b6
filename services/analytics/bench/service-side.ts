/**
 * The analytics service's side of the benchmark, in its own process (so its RSS is the service's):
 * the service's router and handlers as `service.ts` wires them, with a Discord API that records when a
 * deferred reply is completed instead of uploading it. Measures the floor first (one ZREVRANGE of the
 * week board, one after another and open loop at the same rate; one chart of the same size rendered
 * alone on the chart thread), then `/leaderboard` (week, a random viewer each) and `/insights` (the
 * member with the whole history) mixed at a fixed rate, open loop: a request's latency runs from its
 * due time, so a stall counts against every request it delays. Last, first views of `/insights` for
 * other members, one at a time. Prints one JSON line.
 */
import { performance } from 'node:perf_hooks';
import { loadavg } from 'node:os';
import { createCustomIdCodec, type InteractionRequest } from '@timekeeper/contracts';
import { createLogger } from '@timekeeper/service-kit';
import { GuildDefaults, periodRange, Storage, keys, generationTag, TOTAL_FIELD } from '@timekeeper/storage';
import type { API } from '@discordjs/core/http-only';
import type { NatsConnection } from '@nats-io/transport-node';
import { InteractionType, type APIChatInputApplicationCommandInteraction } from 'discord-api-types/v10';
import { Registry } from 'prom-client';
import { ResultCache } from '../src/cache';
import type { AnalyticsDeps } from '../src/deps';
import { customIds } from '../src/ids';
import { analyticsMetrics } from '../src/metrics';
import { ChartRenderer } from '../src/render/charts';
import { MemberDirectory } from '../src/flows/members';
import { buildRouter } from '../src/router';
import { memberId } from './seed';

interface Options {
  readonly redisUrl: string;
  readonly guildId: string;
  /** Members 0 … members − 1 of the generated server. */
  readonly members: number;
  readonly historyMember: string;
  /** `/insights` goes round members 0 … this − 1 (1: always the member with the longest history). */
  readonly insightsMembers: number;
  readonly rate: number;
  readonly seconds: number;
  /** Share of requests that are `/insights` (the rest are `/leaderboard`). */
  readonly insightsShare: number;
}

const options = JSON.parse(process.argv[2]!) as Options;
/** First views of /insights measured after the run. */
const COLD_VIEWS = 40;

const percentile = (sorted: number[], p: number): number =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const summary = (samples: number[]) => {
  const s = [...samples].sort((a, b) => a - b);
  return {
    n: s.length,
    p50: percentile(s, 50),
    p95: percentile(s, 95),
    p99: percentile(s, 99),
    max: s.at(-1),
  };
};

let interactionCounter = 0;
function command(name: string, userId: string, opts: { name: string; type: number; value: string }[]) {
  const id = String(1300000000000000000n + BigInt(++interactionCounter));
  const interaction = {
    id,
    application_id: '1200000000000000001',
    type: InteractionType.ApplicationCommand,
    token: `token-${id}`,
    version: 1,
    guild_id: options.guildId,
    channel_id: '1100000000000000001',
    channel: { id: '1100000000000000001', type: 0 },
    member: {
      user: { id: userId, username: 'member', discriminator: '0', global_name: null, avatar: null },
      roles: [],
      permissions: '32',
      joined_at: '2024-01-01T00:00:00.000Z',
      deaf: false,
      mute: false,
      flags: 0,
    },
    data: { id: '1000000000000000001', name, type: 1, options: opts },
    app_permissions: '0',
    locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: {},
    context: 0,
    attachment_size_limit: 8_388_608,
  } as unknown as APIChatInputApplicationCommandInteraction;
  const now = Date.now();
  const request: InteractionRequest = {
    v: 1,
    interaction,
    shardId: 0,
    receivedAt: now,
    deadline: now + 2_500,
    mode: 'ws',
  };
  return { request, token: interaction.token };
}

/**
 * Calls `fire` `count` times at `rate` per second, open loop: each call starts at its due time whether
 * or not the earlier ones finished, and gets that due time to measure from (a stall counts against
 * every call it delays). Resolves when every call has finished.
 */
async function openLoop(rate: number, count: number, fire: (due: number) => Promise<void>): Promise<void> {
  const start = performance.now() + 20;
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const due = start + (i * 1000) / rate;
    // Never early: a call made before its due time would hide part of its latency. Timers take whole
    // milliseconds (a fraction is cut off, so one could fire early): round up and check again.
    for (let wait = due - performance.now(); wait > 0; wait = due - performance.now()) {
      await new Promise((resolve) => setTimeout(resolve, Math.ceil(wait)));
    }
    inflight.push(fire(due));
  }
  await Promise.all(inflight);
}

async function main(): Promise<void> {
  const registry = new Registry();
  const storage = await Storage.connect({ redisUrl: options.redisUrl, registry, usageCounters: 'off' });
  const logger = createLogger({ level: 'warn', service: 'analytics-bench', instance: 'bench' });
  const completed = new Map<string, (at: number) => void>();
  const api = {
    // Everyone is still in the server (a member lookup answers at once).
    guilds: { getMember: async () => ({}) },
    interactions: {
      editReply: async (_app: string, token: string) => {
        completed.get(token)?.(performance.now());
        completed.delete(token);
      },
    },
  } as unknown as API;
  const codec = createCustomIdCodec({ secret: 'bench-secret-bench-secret-bench-secret' });
  const metrics = analyticsMetrics(registry);
  const clock = { now: () => Date.now() };
  const deps: AnalyticsDeps = {
    storage,
    nc: {} as NatsConnection,
    api,
    codec,
    ids: customIds(codec),
    clock: clock as AnalyticsDeps['clock'],
    logger,
    cache: new ResultCache(metrics, () => clock.now()),
    charts: new ChartRenderer(metrics),
    members: new MemberDirectory(api, metrics, () => clock.now()),
    metrics,
  };
  const router = buildRouter(deps);
  const defaults = new GuildDefaults(storage, () => undefined, logger);
  router.beforeEach((scope) => defaults.ensure(scope.guildId, scope.userId, clock.now()));

  let rssMax = 0;
  const rssTimer = setInterval(() => (rssMax = Math.max(rssMax, process.memoryUsage.rss())), 50);

  // Floor: the week board's ZREVRANGE (one page), one after another and then open loop at the
  // benchmark's rate; and the member chart's size rendered alone on the chart thread.
  const settings = await storage.getSettings(options.guildId);
  if (!settings.ok) throw new Error('no settings');
  const week = periodRange('week', Date.now(), settings.value);
  const boardKey = keys.leaderboard(
    options.guildId,
    generationTag(settings.value.periodGeneration, week.id),
    TOTAL_FIELD,
  );
  const zrev: number[] = [];
  for (let i = 0; i < 500; i++) {
    const t = performance.now();
    await storage.redis.zrevrange(boardKey, 0, 9, 'WITHSCORES');
    zrev.push(performance.now() - t);
  }
  const zrevOpen: number[] = [];
  await openLoop(options.rate, Math.min(1_000, Math.round(options.rate * options.seconds)), async (due) => {
    await storage.redis.zrevrange(boardKey, 0, 9, 'WITHSCORES');
    zrevOpen.push(performance.now() - due);
  });
  const boardSize = await storage.redis.zcard(boardKey);
  const labels = Array.from({ length: 30 }, (_, i) => `d${i}`);
  const chart: number[] = [];
  for (let i = 0; i < 40; i++) {
    const t = performance.now();
    // A different title each time: the renderer keeps charts by content.
    await deps.charts.render({
      kind: 'stacked-days',
      chart: {
        title: `Hours per day — last 30 days (${i})`,
        labels,
        series: ['Work', 'Meeting', 'Break'].map((name, k) => ({
          name,
          values: labels.map((_, j) => ((j * 7 + k * 3) % 5) / 2),
        })),
        yLabel: 'hours',
        forecast: {
          name: 'Forecast',
          labels: labels.slice(0, 7).map((l) => `f${l}`),
          values: [1, 2, 3, 2, 1, 0, 0],
          low: [0, 1, 2, 1, 0, 0, 0],
          high: [2, 3, 4, 3, 2, 1, 1],
        },
      },
    });
    chart.push(performance.now() - t);
  }

  // Warm-up (not counted): a few of each.
  for (let i = 0; i < 5; i++) {
    await router.dispatch(command('leaderboard', memberId(i), []).request);
    const { request, token } = command('insights', options.historyMember, []);
    const done = new Promise<number>((resolve) => completed.set(token, resolve));
    await router.dispatch(request);
    await done;
  }

  const leaderboard: number[] = [];
  const insights: number[] = [];
  const failures: string[] = [];
  let pick = 12_345;
  const rand = () => (pick = (pick * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  let i = -1;
  await openLoop(options.rate, Math.round(options.rate * options.seconds), async (due) => {
    i += 1;
    if (rand() < options.insightsShare) {
      const who =
        i % options.insightsMembers === 0 ? options.historyMember : memberId(i % options.insightsMembers);
      const { request, token } = command('insights', who, [{ name: 'period', type: 3, value: '30d' }]);
      const done = new Promise<number>((resolve) => completed.set(token, resolve));
      const reply = await router.dispatch(request);
      if (reply.kind !== 'response') failures.push(JSON.stringify(reply));
      insights.push((await done) - due);
    } else {
      const viewer = memberId(Math.floor(rand() * options.members));
      const { request } = command('leaderboard', viewer, [{ name: 'timeframe', type: 3, value: 'week' }]);
      const reply = await router.dispatch(request);
      leaderboard.push(performance.now() - due);
      if (reply.kind !== 'response') failures.push(JSON.stringify(reply));
    }
  });
  // First views: members 1 … 40 (two years of history each, fewer sessions than member 0), one at a
  // time with nothing else running: the numbers, the standing and the chart all miss their caches.
  const cold: number[] = [];
  for (let k = 1; k <= COLD_VIEWS; k++) {
    const { request, token } = command('insights', memberId(k), [{ name: 'period', type: 3, value: '30d' }]);
    const done = new Promise<number>((resolve) => completed.set(token, resolve));
    const t = performance.now();
    const reply = await router.dispatch(request);
    if (reply.kind !== 'response') failures.push(JSON.stringify(reply));
    cold.push((await done) - t);
  }
  clearInterval(rssTimer);
  rssMax = Math.max(rssMax, process.memoryUsage.rss());
  const lookups = await metrics.cacheLookups.get();
  const hits = (outcome: string) =>
    lookups.values.filter((v) => v.labels.outcome === outcome).reduce((a, v) => a + v.value, 0);
  process.stdout.write(
    `${JSON.stringify({
      floor: { zrevrange: summary(zrev), zrevrangeOpen: summary(zrevOpen), chart: summary(chart), boardSize },
      leaderboard: summary(leaderboard),
      insights: summary(insights),
      coldInsights: summary(cold),
      rssMaxMb: rssMax / 1_048_576,
      cache: { hit: hits('hit'), miss: hits('miss') },
      failures: failures.slice(0, 3),
      failureCount: failures.length,
      loadavg: loadavg(),
    })}\n`,
  );
  await deps.charts.close();
  await storage.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
