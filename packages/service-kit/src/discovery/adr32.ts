import type { EndpointStatsSnapshot } from './endpoint-stats';

/** The ADR-32 ("Service API") message shapes that `nats micro` and the official clients speak. */
export const SRV_PREFIX = '$SRV';
export const DISCOVERY_VERBS = ['PING', 'INFO', 'STATS'] as const;
export type DiscoveryVerb = (typeof DISCOVERY_VERBS)[number];

export interface ServiceIdentity {
  readonly name: string;
  readonly id: string;
  readonly version: string;
  readonly description: string;
  readonly metadata: Readonly<Record<string, string>>;
}

export interface EndpointDescription {
  readonly name: string;
  readonly subject: string;
  readonly queue_group: string;
  readonly metadata: Readonly<Record<string, string>> | null;
}

export interface PingResponse {
  readonly type: 'io.nats.micro.v1.ping_response';
  readonly name: string;
  readonly id: string;
  readonly version: string;
  readonly metadata: Readonly<Record<string, string>>;
}

export interface InfoResponse extends Omit<PingResponse, 'type'> {
  readonly type: 'io.nats.micro.v1.info_response';
  readonly description: string;
  readonly endpoints: readonly EndpointDescription[];
}

export interface EndpointStatsResponse extends EndpointStatsSnapshot {
  readonly name: string;
  readonly subject: string;
  readonly queue_group: string;
}

export interface StatsResponse extends Omit<PingResponse, 'type'> {
  readonly type: 'io.nats.micro.v1.stats_response';
  /** RFC 3339 start time of this instance. */
  readonly started: string;
  readonly endpoints: readonly EndpointStatsResponse[];
}

/** `$SRV.PING`, `$SRV.PING.<name>`, `$SRV.PING.<name>.<id>`: the three subjects a service answers per verb. */
export function discoverySubjects(verb: DiscoveryVerb, name: string, id: string): string[] {
  return [`${SRV_PREFIX}.${verb}`, `${SRV_PREFIX}.${verb}.${name}`, `${SRV_PREFIX}.${verb}.${name}.${id}`];
}

const SERVICE_NAME = /^[A-Za-z0-9_-]+$/;
const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

export class InvalidServiceIdentityError extends Error {
  override readonly name = 'InvalidServiceIdentityError';
}

/** ADR-32 requires names usable as one subject token and a semantic version. */
export function assertValidIdentity(identity: Pick<ServiceIdentity, 'name' | 'version'>): void {
  if (!SERVICE_NAME.test(identity.name)) {
    throw new InvalidServiceIdentityError(`service name must match ${SERVICE_NAME}: ${identity.name}`);
  }
  if (!SEMVER.test(identity.version)) {
    throw new InvalidServiceIdentityError(`service version must be semver (1.2.3): ${identity.version}`);
  }
}

export function pingResponse(identity: ServiceIdentity): PingResponse {
  return {
    type: 'io.nats.micro.v1.ping_response',
    name: identity.name,
    id: identity.id,
    version: identity.version,
    metadata: identity.metadata,
  };
}

export function infoResponse(
  identity: ServiceIdentity,
  endpoints: readonly EndpointDescription[],
): InfoResponse {
  return {
    ...pingResponse(identity),
    type: 'io.nats.micro.v1.info_response',
    description: identity.description,
    endpoints,
  };
}

export function statsResponse(
  identity: ServiceIdentity,
  started: Date,
  endpoints: readonly { description: EndpointDescription; stats: EndpointStatsSnapshot }[],
): StatsResponse {
  return {
    ...pingResponse(identity),
    type: 'io.nats.micro.v1.stats_response',
    started: started.toISOString(),
    endpoints: endpoints.map(({ description, stats }) => ({
      name: description.name,
      subject: description.subject,
      queue_group: description.queue_group,
      ...stats,
    })),
  };
}
