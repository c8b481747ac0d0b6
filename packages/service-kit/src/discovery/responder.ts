import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import {
  DISCOVERY_VERBS,
  discoverySubjects,
  infoResponse,
  pingResponse,
  statsResponse,
  type DiscoveryVerb,
  type EndpointDescription,
  type ServiceIdentity,
} from './adr32';
import type { EndpointStatsSnapshot } from './endpoint-stats';

export interface DiscoverySource {
  readonly identity: ServiceIdentity;
  readonly started: Date;
  endpoints(): { description: EndpointDescription; stats: EndpointStatsSnapshot }[];
}

/**
 * Answers `$SRV.PING|INFO|STATS[.name[.id]]`. No queue group: every instance must answer, that is how
 * a client counts them. Answers are synchronous, so plain callbacks suffice here.
 */
export function startDiscoveryResponder(
  nc: NatsConnection,
  source: DiscoverySource,
  logger: Logger,
): Subscription[] {
  const build = (verb: DiscoveryVerb): unknown => {
    switch (verb) {
      case 'PING':
        return pingResponse(source.identity);
      case 'INFO':
        return infoResponse(
          source.identity,
          source.endpoints().map((endpoint) => endpoint.description),
        );
      case 'STATS':
        return statsResponse(source.identity, source.started, source.endpoints());
    }
  };
  return DISCOVERY_VERBS.flatMap((verb) =>
    discoverySubjects(verb, source.identity.name, source.identity.id).map((subject) =>
      nc.subscribe(subject, {
        callback: (error, msg) => {
          if (error) {
            logger.warn({ err: error, subject }, 'discovery subscription failed');
            return;
          }
          msg.respond(JSON.stringify(build(verb)));
        },
      }),
    ),
  );
}
