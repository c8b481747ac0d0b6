/** The processes Timekeeper is made of. */
export const SERVICE_NAMES = ['gateway', 'timecard', 'analytics', 'export', 'admin', 'license'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** Services that answer interactions routed by the gateway. */
export const INTERACTION_SERVICES = ['timecard', 'analytics', 'export', 'admin'] as const;
export type InteractionService = (typeof INTERACTION_SERVICES)[number];

/** Default HTTP port of each service (health, readiness, metrics; the gateway also serves /interactions). */
export const DEFAULT_HTTP_PORTS: Readonly<Record<ServiceName, number>> = {
  gateway: 8080,
  timecard: 8081,
  analytics: 8082,
  export: 8083,
  admin: 8084,
  license: 8085,
};

/**
 * Node flags each service runs with; every launcher adds them (the supervisor of `pnpm start`, the
 * container entrypoint, the test stack, the benchmarks). V8 sizes the young generation from the
 * host's memory (up to 64 MB per semi-space on a large host). Analytics answers leaderboards in a few
 * milliseconds: with the default each scavenge took 24–57 ms and set the p99; at 2 MB scavenges are
 * short and the process stays ~90 MB smaller. An export's garbage is short-lived (a page of sessions,
 * a chunk of rows): at 16 MB a 100,000-session CSV peaks near 190 MB instead of 280 MB
 * (docs/benchmarks.md).
 */
export const SERVICE_NODE_FLAGS: Readonly<Record<ServiceName, readonly string[]>> = {
  gateway: [],
  timecard: [],
  analytics: ['--max-semi-space-size=2'],
  export: ['--max-semi-space-size=16'],
  admin: [],
  license: [],
};

export function isServiceName(value: string): value is ServiceName {
  return (SERVICE_NAMES as readonly string[]).includes(value);
}

export function isInteractionService(value: string): value is InteractionService {
  return (INTERACTION_SERVICES as readonly string[]).includes(value);
}
