import type { NatsConnection } from '@nats-io/transport-node';

export interface ServiceReplica {
  readonly name: string;
  readonly id: string;
  readonly version: string;
  readonly instance: string | undefined;
}

/** How long `/admin system` listens for `$SRV.PING` answers. */
export const PING_COLLECT_MS = 300;

/** Every service replica answering `$SRV.PING` within the window (ADR-32 discovery). */
export async function pingServices(
  nc: NatsConnection,
  windowMs = PING_COLLECT_MS,
): Promise<ServiceReplica[]> {
  const replicas: ServiceReplica[] = [];
  const answers = await nc.requestMany('$SRV.PING', '', { strategy: 'timer', maxWait: windowMs });
  for await (const msg of answers) {
    try {
      const body = msg.json<{
        type?: string;
        name?: string;
        id?: string;
        version?: string;
        metadata?: Record<string, string>;
      }>();
      if (body.type !== 'io.nats.micro.v1.ping_response' || !body.name || !body.id) continue;
      replicas.push({
        name: body.name,
        id: body.id,
        version: body.version ?? '?',
        instance: body.metadata?.instance,
      });
    } catch {
      // not an ADR-32 answer; ignore it
    }
  }
  return replicas;
}
