import type { Registry } from 'prom-client';

/**
 * The one idiom for a service's own metrics: all of them declared together in its `src/metrics.ts`
 * with `defineMetrics`, and looked up by whatever needs one (`timecardMetrics(registry).dashboardEdits`).
 * They are created once per registry, so the service and its tests can ask as often as they like.
 */
export function defineMetrics<M>(create: (registry: Registry) => M): (registry: Registry) => M {
  const made = new WeakMap<Registry, M>();
  return (registry) => {
    let metrics = made.get(registry);
    if (metrics === undefined) {
      metrics = create(registry);
      made.set(registry, metrics);
    }
    return metrics;
  };
}
