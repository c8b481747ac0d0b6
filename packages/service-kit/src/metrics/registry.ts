import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface ServiceMetrics {
  readonly registry: Registry;
  readonly natsRequests: Counter<'endpoint' | 'outcome'>;
  readonly natsRequestDuration: Histogram<'endpoint'>;
  readonly natsRequestsInFlight: Gauge;
  readonly natsConnected: Gauge;
}

const MISNAMED_DEFAULT_GAUGES = [
  'nodejs_active_handles_total',
  'nodejs_active_requests_total',
  'nodejs_active_resources_total',
];

/**
 * One registry per service instance (not prom-client's global one), so several services started in one
 * test process keep their metrics apart.
 */
export function createServiceMetrics(labels: {
  service: string;
  instance: string;
  version: string;
}): ServiceMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service: labels.service, instance: labels.instance });
  collectDefaultMetrics({ register: registry, prefix: 'timekeeper_' });
  // These default gauges end in `_total`, which Prometheus reserves for counters (promtool rejects them);
  // the per-type gauges without the suffix carry the same numbers.
  for (const name of MISNAMED_DEFAULT_GAUGES) registry.removeSingleMetric(`timekeeper_${name}`);
  const info = new Gauge({
    name: 'timekeeper_service_info',
    help: 'Build information; always 1',
    labelNames: ['version'],
    registers: [registry],
  });
  info.set({ version: labels.version }, 1);
  return {
    registry,
    natsRequests: new Counter({
      name: 'timekeeper_nats_requests_total',
      help: 'NATS requests handled, by endpoint and outcome (ok or error)',
      labelNames: ['endpoint', 'outcome'],
      registers: [registry],
    }),
    natsRequestDuration: new Histogram({
      name: 'timekeeper_nats_request_duration_seconds',
      help: 'Time to handle a NATS request',
      labelNames: ['endpoint'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 3, 5, 10],
      registers: [registry],
    }),
    natsRequestsInFlight: new Gauge({
      name: 'timekeeper_nats_requests_in_flight',
      help: 'NATS requests being handled right now',
      registers: [registry],
    }),
    natsConnected: new Gauge({
      name: 'timekeeper_nats_connected',
      help: '1 while connected to NATS, else 0',
      registers: [registry],
    }),
  };
}
