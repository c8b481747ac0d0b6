/** Every metric of the admin service (besides service-kit's and storage's), in one place. */
import { defineMetrics } from '@timekeeper/service-kit';
import { Counter } from 'prom-client';

export const adminMetrics = defineMetrics((registry) => ({
  /** Events seen by the activity-log poster: posted, skipped, duplicate, retry, dropped, invalid. */
  activityLogEvents: new Counter({
    name: 'timekeeper_activity_log_events_total',
    help: 'Events seen by the activity-log poster, by outcome (posted, skipped, duplicate, retry, dropped, invalid)',
    labelNames: ['outcome'],
    registers: [registry],
  }),
}));
