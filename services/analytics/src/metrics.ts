/** Every metric of the analytics service. */
import { defineMetrics } from '@timekeeper/service-kit';
import { Counter, Histogram, type Registry } from 'prom-client';

export interface AnalyticsMetrics {
  /** L1 result cache lookups by outcome (hit, miss); the hit rate is hit / (hit + miss). */
  readonly cacheLookups: Counter<'cache' | 'outcome'>;
  readonly chartSeconds: Histogram<'chart'>;
  readonly rebuildBatches: Counter<'outcome'>;
}

export const analyticsMetrics = defineMetrics((registry: Registry): AnalyticsMetrics => {
  return {
    cacheLookups: new Counter({
      name: 'timekeeper_analytics_cache_lookups_total',
      help: 'L1 cache lookups of analytics results, by cache and outcome (hit or miss)',
      labelNames: ['cache', 'outcome'],
      registers: [registry],
    }),
    chartSeconds: new Histogram({
      name: 'timekeeper_analytics_chart_seconds',
      help: 'Time to render one chart',
      labelNames: ['chart'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers: [registry],
    }),
    rebuildBatches: new Counter({
      name: 'timekeeper_analytics_rebuild_batches_total',
      help: 'Batches of the period rebuild after a time zone or week start change, by outcome',
      labelNames: ['outcome'],
      registers: [registry],
    }),
  };
});
