import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { RoleChangeJob } from '@timekeeper/contracts';
import { NatsServer } from '@timekeeper/testing';
import pino from 'pino';
import { Registry } from 'prom-client';
import {
  InvalidJobError,
  consumeJobs,
  ensureJobStream,
  offsetFileClock,
  publishJob,
  retryDelayMs,
  type JobOutcome,
} from '../src';

const logger = pino({ level: 'silent' });

function roleJob(jobId: string): RoleChangeJob {
  return {
    v: 1,
    kind: 'role.change',
    jobId,
    guildId: '400000000000000001',
    enqueuedAt: Date.now(),
    userId: '800000000000000001',
    roleId: '900000000000000001',
    action: 'add',
    reason: 'clocked in',
  };
}

async function waitFor(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('jobs', () => {
  let nats: NatsServer;
  let nc: NatsConnection;
  beforeAll(async () => {
    nats = await NatsServer.start();
    nc = await connect({ servers: nats.url });
    await ensureJobStream(nc);
    await ensureJobStream(nc); // idempotent
  });
  afterAll(async () => {
    await nc.close();
    await nats.destroy();
  });

  it('runs each job once, de-duplicates a re-published jobId, and retries a failing handler', async () => {
    const seen: string[] = [];
    let failuresLeft = 2;
    const registry = new Registry();
    const consumer = await consumeJobs(
      { nc, logger, registry, durablePrefix: 'test' },
      {
        kind: 'role.change',
        retryBaseMs: 10,
        handler: async (job, attempt): Promise<JobOutcome> => {
          if (job.jobId === 'flaky' && failuresLeft-- > 0) throw new Error(`attempt ${attempt} failed`);
          seen.push(`${job.jobId}@${attempt}`);
          return { status: 'done' };
        },
      },
    );
    expect(await publishJob(nc, roleJob('a'))).toEqual({ duplicate: false });
    expect(await publishJob(nc, roleJob('a'))).toEqual({ duplicate: true });
    await publishJob(nc, roleJob('flaky'));
    await waitFor(() => seen.length === 2);
    expect(seen.sort()).toEqual(['a@1', 'flaky@3']);
    const metrics = await registry.getSingleMetricAsString('timekeeper_jobs_total');
    expect(metrics).toContain('timekeeper_jobs_total{kind="role.change",outcome="done"} 2');
    expect(metrics).toContain('timekeeper_jobs_total{kind="role.change",outcome="retry"} 2');
    await consumer.stop();
  });

  it('keeps jobs published while no consumer runs, and gives up after maxAttempts', async () => {
    await publishJob(nc, roleJob('waiting'));
    await publishJob(nc, roleJob('doomed'));
    const attempts: Record<string, number> = {};
    const consumer = await consumeJobs(
      { nc, logger, registry: new Registry(), durablePrefix: 'test' },
      {
        kind: 'role.change',
        maxAttempts: 3,
        retryBaseMs: 5,
        handler: async (job, attempt) => {
          attempts[job.jobId] = attempt;
          if (job.jobId === 'doomed') throw new Error('always fails');
          return { status: 'done' };
        },
      },
    );
    await waitFor(() => attempts.waiting === 1 && attempts.doomed === 3);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(attempts.doomed).toBe(3);
    await consumer.stop();
  });

  it('refuses to publish a job that breaks the contract', async () => {
    await expect(publishJob(nc, { ...roleJob('bad'), userId: 'not-a-snowflake' })).rejects.toThrow(
      InvalidJobError,
    );
  });

  it('backs off exponentially with a cap', () => {
    expect([1, 2, 3, 4].map((attempt) => retryDelayMs(attempt, 1000))).toEqual([1000, 2000, 4000, 8000]);
    expect(retryDelayMs(30, 1000)).toBe(300_000);
  });
});

describe('offsetFileClock', () => {
  it('adds the offset written in the file and follows changes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tk-clock-'));
    const file = join(dir, 'offset');
    const clock = offsetFileClock(file);
    expect(Math.abs(clock.now() - Date.now())).toBeLessThan(50);
    writeFileSync(file, String(3_600_000));
    expect(clock.now() - Date.now()).toBeGreaterThan(3_599_000);
    writeFileSync(file, String(7_200_000) + '\n');
    expect(clock.now() - Date.now()).toBeGreaterThan(7_199_000);
    rmSync(dir, { recursive: true, force: true });
  });
});
