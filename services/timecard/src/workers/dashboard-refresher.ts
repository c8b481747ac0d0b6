/**
 * Keeps shared dashboards current from domain events, never by polling: an event of a guild schedules
 * one refresh of that guild's dashboards (debounced: at most one edit per message per interval). A
 * dashboard whose message or channel is gone is forgotten.
 */
import { DiscordAPIError } from '@discordjs/rest';
import type { Subscription } from '@nats-io/transport-node';
import { SUBJECT_PREFIX } from '@timekeeper/contracts';
import type { Counter, Registry } from 'prom-client';
import type { TimecardDeps } from '../deps';
import { timecardMetrics } from '../metrics';
import { DefaultDebouncerOptions, KeyedDebouncer, type DebouncerOptions } from './dashboard-debouncer';
import { renderSharedDashboard } from '../flows/dashboard';

/** Event types that change what a dashboard shows. */
const REFRESHING_EVENTS = ['clock.>', 'session.>', 'category.changed'];
/** One replica handles each event, so replicas do not edit the same message twice. */
export const DASHBOARD_QUEUE = 'timecard-dashboards';

/** Discord codes meaning the dashboard can never be edited again. */
const GONE_CODES = new Set<number | string>([10003, 10008]);

export class DashboardRefresher {
  private readonly debouncer: KeyedDebouncer;
  private readonly subscriptions: Subscription[] = [];
  private readonly edits: Counter<'outcome'>;

  constructor(
    private readonly deps: Pick<TimecardDeps, 'storage' | 'ids' | 'clock' | 'api' | 'nc' | 'logger'>,
    registry: Registry,
    options: DebouncerOptions = DefaultDebouncerOptions,
  ) {
    this.debouncer = new KeyedDebouncer((guildId) => this.refresh(guildId), options);
    this.edits = timecardMetrics(registry).dashboardEdits;
  }

  start(): void {
    for (const type of REFRESHING_EVENTS) {
      const subscription = this.deps.nc.subscribe(`${SUBJECT_PREFIX}.event.*.${type}`, {
        queue: DASHBOARD_QUEUE,
        callback: (error, msg) => {
          if (error) return;
          const guildId = msg.subject.split('.')[3];
          if (guildId && /^\d{1,20}$/.test(guildId)) this.debouncer.trigger(guildId);
        },
      });
      this.subscriptions.push(subscription);
    }
  }

  /** Schedules a refresh of a guild's dashboards (also used right after posting one). */
  trigger(guildId: string): void {
    this.debouncer.trigger(guildId);
  }

  async stop(): Promise<void> {
    for (const subscription of this.subscriptions) subscription.unsubscribe();
    await this.debouncer.stop();
  }

  /** Edits every dashboard of the guild with the current state. */
  async refresh(guildId: string): Promise<void> {
    const dashboards = await this.deps.storage.listDashboards(guildId);
    if (dashboards.length === 0) return;
    const body = await renderSharedDashboard(this.deps, guildId);
    for (const dashboard of dashboards) {
      try {
        await this.deps.api.channels.editMessage(dashboard.channelId, dashboard.messageId, {
          ...body,
          allowed_mentions: { parse: [] },
        });
        this.edits.inc({ outcome: 'edited' });
      } catch (error) {
        if (error instanceof DiscordAPIError && GONE_CODES.has(error.code)) {
          await this.deps.storage.deleteDashboard(guildId, dashboard.channelId, dashboard.messageId);
          this.deps.logger.info(
            { guildId, channelId: dashboard.channelId },
            'dashboard message gone; forgotten',
          );
          this.edits.inc({ outcome: 'gone' });
        } else {
          this.deps.logger.warn(
            { err: error, guildId, channelId: dashboard.channelId },
            'dashboard edit failed',
          );
          this.edits.inc({ outcome: 'failed' });
        }
      }
    }
  }
}
