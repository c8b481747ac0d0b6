/** Every metric of the export service. */
import { defineMetrics } from '@timekeeper/service-kit';
import { Counter, Histogram, type Registry } from 'prom-client';

export interface ExportMetrics {
  /** Export requests by outcome: queued, refused_limit, refused_input, refused_permission. */
  readonly requests: Counter<'outcome'>;
  /** Finished exports by format and how the file went out: reply, dm, compressed, split, too_large, duplicate. */
  readonly deliveries: Counter<'format' | 'delivery'>;
  /** Seconds from the job's start to the file delivered, by format. */
  readonly duration: Histogram<'format'>;
  /** Size of the delivered files, by format. */
  readonly bytes: Histogram<'format'>;
}

export const exportMetrics = defineMetrics((registry: Registry): ExportMetrics => {
  return {
    requests: new Counter({
      name: 'timekeeper_export_requests_total',
      help: 'Export requests by outcome',
      labelNames: ['outcome'],
      registers: [registry],
    }),
    deliveries: new Counter({
      name: 'timekeeper_export_deliveries_total',
      help: 'Finished exports by format and delivery',
      labelNames: ['format', 'delivery'],
      registers: [registry],
    }),
    duration: new Histogram({
      name: 'timekeeper_export_render_seconds',
      help: 'Time from the start of an export job to its file delivered',
      labelNames: ['format'],
      buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120],
      registers: [registry],
    }),
    bytes: new Histogram({
      name: 'timekeeper_export_file_bytes',
      help: 'Size of delivered export files',
      labelNames: ['format'],
      buckets: [10_000, 100_000, 1_000_000, 5_000_000, 10_000_000, 25_000_000],
      registers: [registry],
    }),
  };
});
