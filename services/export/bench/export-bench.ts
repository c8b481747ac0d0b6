/**
 * `pnpm bench:export`: exports end to end in the service (read from Redis + Timesheet + render), next to
 * the floor measured in the same run (the same reads without rendering). 10,000 sessions as CSV, PDF and
 * DOCX; then 100,000 sessions as CSV in a child process whose peak RSS is reported.
 * Redis: a private redis-server (or REDIS_URL). Prints a Markdown table.
 */
import { fork } from 'node:child_process';
import { SERVICE_NODE_FLAGS, type ExportRenderJob, type TimesheetFormat } from '@timekeeper/contracts';
import { Storage } from '@timekeeper/storage';
import { Registry } from 'prom-client';
import { LocalClock } from '../src/logic/local-time';
import { resolveRange } from '../src/logic/range';
import { renderFiles } from '../src/render/files';
import { loadTimesheet, readSessions } from '../src/workers/timesheet-source';
import { stackedDaysChart } from '../src/render/shared';

const ZONE = 'Europe/Berlin';
const MEMBERS = 40;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
/** Sessions of the large CSV export (BENCH_LARGE to change). */
const LARGE = Number(process.env.BENCH_LARGE ?? 100_000);

/** A timesheet export job (the benchmark does not render the audit trail). */
type TimesheetJob = ExportRenderJob & { readonly format: TimesheetFormat };

function job(guildId: string, format: TimesheetFormat): TimesheetJob {
  return {
    v: 1,
    kind: 'export.render',
    jobId: `bench:${format}`,
    guildId,
    enqueuedAt: Date.now(),
    requestedBy: '300000000000000001',
    userId: null,
    format,
    from: '2026-01-01',
    to: '2026-12-31',
    timezone: ZONE,
    category: null,
    group: 'session',
    uploadLimitBytes: 25 * 1024 * 1024,
    reply: null,
  };
}

const names = async (ids: string[]) => ({
  server: 'Bench server',
  members: new Map(ids.map((id, i) => [id, `Member ${i}`])),
});

/** `count` sessions of 40 minutes for MEMBERS members through 2026, written through storage's scripts. */
async function seed(storage: Storage, guildId: string, count: number): Promise<void> {
  const start = Date.parse('2026-01-01T06:00:00Z');
  const perMember = Math.ceil(count / MEMBERS);
  const gap = Math.floor((360 * 86_400_000) / perMember);
  let event = 0;
  await storage.ensureDefaults(guildId, {
    eventId: `seed-${guildId}`,
    now: start,
    actor: '300000000000000001',
  });
  await storage.updateSettings(
    guildId,
    { timeZone: ZONE },
    { eventId: `zone-${guildId}`, now: start, actor: '300000000000000001' },
  );
  // A few writers at a time: a shared machine's Redis times commands out under more.
  const queue = Array.from({ length: MEMBERS }, (_, m) => m);
  const writer = async (): Promise<void> => {
    for (let m = queue.shift(); m !== undefined; m = queue.shift()) {
      const userId = String(400000000000000000n + BigInt(m));
      for (let k = 0; k < perMember && m * perMember + k < count; k++) {
        const t = start + k * gap + m * 1_000;
        const ctx = (now: number) => ({ eventId: `b${guildId}-${++event}`, now, actor: userId });
        await retry(() =>
          storage.clockIn({ guildId, userId, category: ['work', 'break', 'meeting'][k % 3]! }, ctx(t)),
        );
        await retry(() => storage.clockOut({ guildId, userId }, ctx(t + 40 * 60_000)));
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, writer));
}

/** Writes are idempotent by event id, so a timed-out one is simply sent again. */
async function retry<T>(write: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
    }
  }
}

/** A table row, printed as soon as it is measured. */
function print(row: string): void {
  console.log(row);
}

async function time(run: () => Promise<unknown>): Promise<number[]> {
  await run(); // warm-up
  const runs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await run();
    runs.push(performance.now() - t);
  }
  return runs.sort((a, b) => a - b);
}

const fmt = (ms: number[]): string =>
  `${ms[Math.floor(ms.length / 2)]!.toFixed(0)} ms (${ms[0]!.toFixed(0)}–${ms.at(-1)!.toFixed(0)})`;

async function exportOnce(storage: Storage, j: TimesheetJob): Promise<number> {
  const sheet = await loadTimesheet(storage, j, { names, now: () => Date.now() });
  const files = await renderFiles(sheet, new LocalClock(ZONE), j.format, 'bench', {
    chart: stackedDaysChart,
  });
  return files.reduce((sum, f) => sum + f.data.length, 0);
}

async function floor(storage: Storage, j: ExportRenderJob): Promise<number> {
  const r = resolveRange({ from: j.from, to: j.to }, ZONE, Date.now());
  if (!r.ok) throw new Error(r.message);
  return (await readSessions(storage, j, r.range.startMs - 12 * 3_600_000, r.range.endMs)).length;
}

/** Child: one 100,000-session CSV export; reports its size and the process's peak RSS. */
async function child(redisUrl: string, guildId: string): Promise<void> {
  const storage = await Storage.connect({ redisUrl, registry: new Registry(), usageCounters: 'off' });
  const t = performance.now();
  const bytes = await exportOnce(storage, job(guildId, 'csv'));
  const ms = performance.now() - t;
  await storage.close();
  process.send!({ bytes, ms, maxRssMb: process.resourceUsage().maxRSS / 1024 });
}

async function main(): Promise<void> {
  if (process.argv[2] === 'child') return child(process.argv[3]!, process.argv[4]!);
  // Loaded here, not at the top: the child (the export process measured) does not carry the test harness.
  const { RedisServer } = await import('@timekeeper/testing');
  const server = process.env.REDIS_URL ? undefined : await RedisServer.start({ appendOnly: false });
  const redisUrl = process.env.REDIS_URL ?? server!.url;
  const storage = await Storage.connect({ redisUrl, registry: new Registry(), usageCounters: 'off' });
  try {
    console.error('seeding 10,000 sessions…');
    await seed(storage, '500000000000000010', 10_000);
    console.log(`\n| export (median of ${RUNS}, min–max) | time | file |\n|---|---|---|`);
    const small = '500000000000000010';
    const read = await time(() => floor(storage, job(small, 'csv')));
    print(`| floor: read 10,000 sessions from Redis | ${fmt(read)} | — |`);
    for (const format of ['csv', 'pdf', 'docx'] as const) {
      let bytes = 0;
      const ms = await time(async () => (bytes = await exportOnce(storage, job(small, format))));
      print(
        `| ${format.toUpperCase()}, 10,000 sessions (read + render) | ${fmt(ms)} | ${(bytes / 1024).toFixed(0)} KiB |`,
      );
    }
    console.error(`seeding ${LARGE.toLocaleString('en-US')} sessions…`);
    await seed(storage, '500000000000000100', LARGE);
    const bigRead = await time(() => floor(storage, job('500000000000000100', 'csv')));
    print(`| floor: read ${LARGE.toLocaleString('en-US')} sessions from Redis | ${fmt(bigRead)} | — |`);
    const result = await new Promise<{ bytes: number; ms: number; maxRssMb: number }>((resolve, reject) => {
      // The child runs with the export service's node flags, as the service does.
      const proc = fork(__filename, ['child', redisUrl, '500000000000000100'], {
        execArgv: [...SERVICE_NODE_FLAGS.export],
      });
      proc.once('message', (m) => resolve(m as never));
      proc.once('error', reject);
    });
    print(
      `| CSV, ${LARGE.toLocaleString('en-US')} sessions in a child process (read + render) | ${result.ms.toFixed(0)} ms, peak RSS ${result.maxRssMb.toFixed(0)} MB | ${(result.bytes / 1024 / 1024).toFixed(1)} MiB |`,
    );
  } finally {
    await storage.close();
    await server?.stop();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
