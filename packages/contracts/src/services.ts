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

export function isInteractionService(value: string): value is InteractionService {
  return (INTERACTION_SERVICES as readonly string[]).includes(value);
}
