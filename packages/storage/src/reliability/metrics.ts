import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** Metric names all start with this; base units, `_total` for counters, never a guild or user label. */
export const METRIC_PREFIX = 'timekeeper_storage_';

// Several storage instances may share one registry (one per process, tests); reuse what exists.
export function counter<L extends string>(
  registry: Registry,
  name: string,
  help: string,
  labelNames: L[] = [],
): Counter<L> {
  const full = METRIC_PREFIX + name;
  return (
    (registry.getSingleMetric(full) as Counter<L> | undefined) ??
    new Counter<L>({ name: full, help, labelNames, registers: [registry] })
  );
}

export function gauge<L extends string>(
  registry: Registry,
  name: string,
  help: string,
  labelNames: L[] = [],
): Gauge<L> {
  const full = METRIC_PREFIX + name;
  return (
    (registry.getSingleMetric(full) as Gauge<L> | undefined) ??
    new Gauge<L>({ name: full, help, labelNames, registers: [registry] })
  );
}

export function histogram(registry: Registry, name: string, help: string, buckets: number[]): Histogram {
  const full = METRIC_PREFIX + name;
  return (
    (registry.getSingleMetric(full) as Histogram | undefined) ??
    new Histogram({ name: full, help, buckets, registers: [registry] })
  );
}

/**
 * A counter's children by label values, looked up once: prom-client hashes the label object on every
 * `inc`, which a write path that counts each write pays for again and again.
 */
export function childCounter<L extends string>(metric: Counter<L>): (...values: string[]) => { inc(): void } {
  const children = new Map<string, { inc(): void }>();
  return (...values) => {
    const key = values.join('\u0000');
    let child = children.get(key);
    if (!child) children.set(key, (child = metric.labels(...values)));
    return child;
  };
}
