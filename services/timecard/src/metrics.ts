/** Every metric of the timecard service (besides service-kit's and storage's), in one place. */
import { defineMetrics } from '@timekeeper/service-kit';
import { Counter } from 'prom-client';

export const timecardMetrics = defineMetrics((registry) => ({
  /** Jobs that could not be queued (or not confirmed in time) after a clock event. */
  jobPublishFailures: new Counter({
    name: 'timekeeper_timecard_job_publish_failures_total',
    help: 'Jobs that could not be queued (or not confirmed in time) after a clock event, by kind',
    labelNames: ['kind'],
    registers: [registry],
  }),
  /** Shared dashboard edits: edited, gone (message or channel deleted), failed. */
  dashboardEdits: new Counter({
    name: 'timekeeper_timecard_dashboard_edits_total',
    help: 'Shared dashboard edits, by outcome (edited, gone, failed)',
    labelNames: ['outcome'],
    registers: [registry],
  }),
  /** What the job workers did: role applied/forbidden, dm sent/closed, reminder sent/muted, … */
  workerOutcomes: new Counter({
    name: 'timekeeper_timecard_worker_outcomes_total',
    help: 'Timecard worker results by worker and outcome (role applied/forbidden, dm sent/closed, reminder sent/muted, …)',
    labelNames: ['worker', 'outcome'],
    registers: [registry],
  }),
}));
