/**
 * What follows a committed clock write: its domain event (dashboards, activity log) and its jobs
 * (roles, reminders, forgotten-clock-out checks, DMs). A failure here never undoes or blocks the write
 * the member asked for: it is logged and counted, and the answer says "role update pending".
 */
import type { NatsConnection } from '@nats-io/transport-node';
import type { Job } from '@timekeeper/contracts';
import { publishEvent, publishJob, type Logger } from '@timekeeper/service-kit';
import {
  contractEvents,
  type ActiveSession,
  type CompletedSession,
  type DomainEvent as StorageEvent,
  type GuildSettings,
  type StorageApi,
  type StorageCommand,
} from '@timekeeper/storage';
import type { Counter, Registry } from 'prom-client';
import { timecardMetrics } from '../metrics';
import { changesRoles, clockInJobs, clockOutJobs, forcedDmJob, switchJobs } from '../logic/jobs';
import { forcedDmEmbeds } from '../views/forceclockout';
import { categoryNames } from '../views/names';

/** How long an interaction waits for JetStream to confirm its jobs before answering anyway. */
export const JOB_PUBLISH_BUDGET_MS = 1_200;

export interface EffectsDeps {
  readonly nc: NatsConnection;
  readonly storage: StorageApi;
  readonly logger: Logger;
  readonly registry: Registry;
  readonly now: () => number;
}

export interface EffectsResult {
  /** Some role change could not be queued (or not confirmed in time). */
  readonly rolesPending: boolean;
  /** Every job was confirmed by JetStream. */
  readonly allQueued: boolean;
  /** Kinds of the jobs that were not confirmed. */
  readonly failedKinds: readonly string[];
}

const NOTHING_QUEUED: EffectsResult = { rolesPending: true, allQueued: false, failedKinds: ['*'] };

type ClockIn = { event: StorageEvent; session: ActiveSession };
type Closed = { event: StorageEvent; session: CompletedSession; capped: boolean };
type Switched = { event: StorageEvent; closed: CompletedSession; opened: ActiveSession; capped: boolean };

export class ClockEffects {
  private readonly failures: Counter<'kind'>;

  constructor(private readonly deps: EffectsDeps) {
    this.failures = timecardMetrics(deps.registry).jobPublishFailures;
  }

  async afterClockIn(outcome: ClockIn): Promise<EffectsResult> {
    publishEvent(this.deps, contractEvents.clockIn(outcome));
    const settings = await this.settings(outcome.session.guildId);
    if (!settings) return NOTHING_QUEUED;
    return this.publishJobs(clockInJobs(outcome.session, settings, this.deps.now()));
  }

  async afterClockOut(outcome: Closed, cause: 'user' | 'auto' = 'user'): Promise<EffectsResult> {
    publishEvent(this.deps, contractEvents.clockOut(outcome, cause));
    const settings = await this.settings(outcome.session.guildId);
    if (!settings) return NOTHING_QUEUED;
    return this.publishJobs(clockOutJobs(outcome.session, settings, this.deps.now()));
  }

  async afterSwitch(outcome: Switched): Promise<EffectsResult> {
    publishEvent(this.deps, contractEvents.switched(outcome));
    const settings = await this.settings(outcome.opened.guildId);
    if (!settings) return NOTHING_QUEUED;
    return this.publishJobs(switchJobs(outcome.closed, outcome.opened, settings, this.deps.now()));
  }

  /** Forced clock-out: the event, role removals and the member's DM. */
  async afterForced(outcome: Closed, link: string | null): Promise<EffectsResult> {
    const event = contractEvents.forced(outcome);
    publishEvent(this.deps, event);
    const { session } = outcome;
    const [settings, categories] = await Promise.all([
      this.settings(session.guildId),
      this.deps.storage.listCategories(session.guildId, true),
    ]);
    const names = categoryNames(categories.ok ? categories.value : []);
    const dm = forcedDmJob(
      session,
      forcedDmEmbeds({
        names,
        session,
        actorId: session.closedBy ?? outcome.event.actor,
        reason: event.reason,
        capped: outcome.capped,
        link,
      }) as unknown as Record<string, unknown>[],
      this.deps.now(),
    );
    const jobs = settings ? [...clockOutJobs(session, settings, this.deps.now()), dm] : [dm];
    const result = await this.publishJobs(jobs);
    return settings ? result : { ...result, rolesPending: true, allQueued: false };
  }

  /** A write accepted during a Redis outage was applied later: run what the interaction could not. */
  async afterReplay(command: StorageCommand, outcome: unknown): Promise<void> {
    const ok = (outcome as { ok?: boolean } | null)?.ok === true;
    if (!ok) return;
    switch (command.op) {
      case 'clockIn':
        await this.afterClockIn(outcome as ClockIn);
        break;
      case 'clockOut':
        await this.afterClockOut(outcome as Closed);
        break;
      case 'switchCategory':
        await this.afterSwitch(outcome as Switched);
        break;
      case 'forceClockOut':
        await this.afterForced(outcome as Closed, null);
        break;
      default:
        break;
    }
  }

  /** Publishes every job in parallel, waiting at most `JOB_PUBLISH_BUDGET_MS` for the confirmations. */
  async publishJobs(jobs: readonly Job[]): Promise<EffectsResult> {
    const failed: Job[] = [];
    await Promise.all(
      jobs.map(async (job) => {
        const published = publishJob(this.deps.nc, job).then(
          () => true,
          (error: unknown) => {
            this.deps.logger.error({ err: error, jobId: job.jobId, kind: job.kind }, 'could not queue job');
            return false;
          },
        );
        let timer: NodeJS.Timeout | undefined;
        const late = new Promise<'late'>((resolve) => {
          timer = setTimeout(() => resolve('late'), JOB_PUBLISH_BUDGET_MS);
        });
        const result = await Promise.race([published, late]);
        clearTimeout(timer);
        if (result === 'late') {
          this.deps.logger.warn(
            { jobId: job.jobId, kind: job.kind },
            'job not confirmed in time; answering anyway',
          );
        }
        if (result !== true) {
          failed.push(job);
          this.failures.inc({ kind: job.kind });
        }
      }),
    );
    return {
      rolesPending: changesRoles(failed),
      allQueued: failed.length === 0,
      failedKinds: failed.map((job) => job.kind),
    };
  }

  private async settings(guildId: string): Promise<GuildSettings | null> {
    const read = await this.deps.storage.getSettings(guildId).catch(() => null);
    if (read?.ok) return read.value;
    this.deps.logger.error({ guildId }, 'settings unreadable; clock-event jobs not queued');
    return null;
  }
}
