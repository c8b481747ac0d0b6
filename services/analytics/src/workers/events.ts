/**
 * Domain events: every replica empties its L1 cache for the guild; one replica (queue group) queues
 * the period rebuild when the time zone or week start changed.
 */
import { SUBJECT_PREFIX } from '@timekeeper/contracts';
import { publishJob } from '@timekeeper/service-kit';
import type { Subscription } from '@nats-io/transport-node';
import type { AnalyticsDeps } from '../deps';

const SNOWFLAKE = /^\d{1,20}$/;

export function startEventWorkers(deps: AnalyticsDeps): { stop: () => void } {
  const subscriptions: Subscription[] = [];
  subscriptions.push(
    deps.nc.subscribe(`${SUBJECT_PREFIX}.event.*.>`, {
      callback: (error, msg) => {
        if (error) return;
        const guildId = msg.subject.split('.')[3];
        if (guildId && SNOWFLAKE.test(guildId)) deps.cache.invalidate(guildId);
      },
    }),
  );
  subscriptions.push(
    deps.nc.subscribe(`${SUBJECT_PREFIX}.event.*.config.changed`, {
      queue: 'analytics-rebuild',
      callback: (error, msg) => {
        if (error) return;
        const guildId = msg.subject.split('.')[3];
        if (!guildId || !SNOWFLAKE.test(guildId)) return;
        void queueRebuild(deps, guildId).catch((err: unknown) =>
          deps.logger.error({ err, guildId }, 'could not queue the period rebuild'),
        );
      },
    }),
  );
  return { stop: () => subscriptions.forEach((s) => s.unsubscribe()) };
}

/** Queues the rebuild for the guild's current period generation if it is not built yet (idempotent). */
export async function queueRebuild(deps: AnalyticsDeps, guildId: string): Promise<void> {
  const state = await deps.storage.periodsState(guildId);
  if (!state.ok || state.value.state === 'done') return;
  const settings = await deps.storage.getSettings(guildId);
  if (!settings.ok) return;
  await publishJob(deps.nc, {
    v: 1,
    kind: 'periods.rebuild',
    jobId: `periods-rebuild:${guildId}:${state.value.generation}`,
    guildId,
    enqueuedAt: deps.clock.now(),
    generation: state.value.generation,
    timezone: settings.value.timeZone,
  });
}
