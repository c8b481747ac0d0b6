import { defineMetrics } from '@timekeeper/service-kit';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/**
 * How an interaction ended, as far as its first answer goes:
 * - answered: the service's answer was delivered
 * - deferred: the gateway deferred in time and delivered (or will deliver) the late answer by an edit
 * - unavailable: no service answered; the user was told to try again
 * - service_error: the service answered with an error, shown to the user
 * - invalid_response: the service's answer broke Discord's rules; the user got an error message
 * - rate_limited, dm, unknown: answered by the gateway without asking a service
 * - duplicate: a replayed interaction that was already answered
 * - failed: no answer could be delivered (e.g. the token had expired)
 */
export type InteractionOutcome =
  | 'answered'
  | 'deferred'
  | 'unavailable'
  | 'service_error'
  | 'invalid_response'
  | 'rate_limited'
  | 'dm'
  | 'unknown'
  | 'duplicate'
  | 'failed';

export interface GatewayMetrics {
  readonly interactions: Counter<'command' | 'outcome'>;
  readonly latency: Histogram;
  readonly fallbacks: Counter<'reason'>;
  readonly shardStatus: Gauge<'shard'>;
  readonly heartbeatLatency: Gauge<'shard'>;
  readonly identifies: Counter;
  readonly identifyBlocked: Gauge;
  readonly rateLimited: Counter<'scope'>;
}

/** The gateway's metrics. Names are fixed (dashboards and alerts use them); no guild/user/interaction labels. */
export const gatewayMetrics = defineMetrics((registry: Registry): GatewayMetrics => {
  const registers = [registry];
  return {
    interactions: new Counter({
      name: 'timekeeper_interactions_total',
      help: 'Interactions received, by command (or custom_id prefix) and outcome',
      labelNames: ['command', 'outcome'],
      registers,
    }),
    latency: new Histogram({
      name: 'timekeeper_interaction_latency_seconds',
      help: 'From receiving an interaction to its first answer being delivered to Discord',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 2.5, 3, 5],
      registers,
    }),
    fallbacks: new Counter({
      name: 'timekeeper_interaction_fallbacks_total',
      help: 'Interactions the gateway answered itself, by reason (no_responder, timeout, error)',
      labelNames: ['reason'],
      registers,
    }),
    shardStatus: new Gauge({
      name: 'timekeeper_gateway_shard_status',
      help: '1 while the shard is ready (identified or resumed), else 0',
      labelNames: ['shard'],
      registers,
    }),
    heartbeatLatency: new Gauge({
      name: 'timekeeper_gateway_heartbeat_latency_seconds',
      help: 'Last heartbeat round trip of the shard',
      labelNames: ['shard'],
      registers,
    }),
    identifies: new Counter({
      name: 'timekeeper_gateway_identifies_total',
      help: 'IDENTIFYs sent (each spends one of the daily session starts; RESUMEs do not)',
      registers,
    }),
    identifyBlocked: new Gauge({
      name: 'timekeeper_gateway_identify_blocked',
      help: '1 while the identify budget guard refuses to start sessions, else 0',
      registers,
    }),
    rateLimited: new Counter({
      name: 'timekeeper_gateway_rate_limited_total',
      help: 'Interactions refused by the per-user or per-guild rate limit, by scope',
      labelNames: ['scope'],
      registers,
    }),
  };
});
