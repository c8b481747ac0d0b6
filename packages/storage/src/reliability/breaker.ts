import type { EventEmitter } from 'node:events';
import CircuitBreaker from 'opossum';
import type { Registry } from 'prom-client';
import { isUnavailable } from '../errors';
import { counter, gauge } from './metrics';

export interface BreakerOptions {
  /** A Redis command slower than this fails and counts as a failure (the client's command timeout). */
  readonly timeoutMs: number;
  /** Failure percentage in the rolling window at which the breaker opens. */
  readonly errorThresholdPercentage: number;
  /** How long it stays open before letting one trial call through (half-open). */
  readonly resetTimeoutMs: number;
  /** Calls needed in the window before it may open, so one early failure cannot trip it. */
  readonly volumeThreshold: number;
  readonly rollingCountTimeoutMs: number;
}

export const DefaultBreakerOptions: BreakerOptions = {
  timeoutMs: 3_000,
  errorThresholdPercentage: 50,
  resetTimeoutMs: 2_000,
  volumeThreshold: 10,
  rollingCountTimeoutMs: 10_000,
};

export type BreakerState = 'closed' | 'half-open' | 'open';
const STATE_VALUE: Record<BreakerState, number> = { closed: 0, 'half-open': 1, open: 2 };
const EVENTS = ['success', 'failure', 'timeout', 'reject', 'open', 'halfOpen', 'close'] as const;

type Thunk = () => Promise<unknown>;

/**
 * An opossum breaker around Redis calls. Only "Redis unreachable" errors count as failures: a Redis
 * error reply means Redis is up. State and events are exported as metrics.
 */
export class RedisBreaker {
  private readonly breaker: CircuitBreaker<[Thunk], unknown>;

  constructor(registry: Registry, options: Partial<BreakerOptions> = {}) {
    const o = { ...DefaultBreakerOptions, ...options };
    this.breaker = new CircuitBreaker<[Thunk], unknown>((thunk: Thunk) => thunk(), {
      name: 'redis',
      // The ioredis client already times out every command (createRedis, `commandTimeout` = timeoutMs)
      // and that error counts as a failure here; a second timer per call would only cost time.
      timeout: false,
      errorThresholdPercentage: o.errorThresholdPercentage,
      resetTimeout: o.resetTimeoutMs,
      volumeThreshold: o.volumeThreshold,
      rollingCountTimeout: o.rollingCountTimeoutMs,
      errorFilter: (error: unknown) => !isUnavailable(error),
      // opossum keeps every call's latency for the rolling window and, once a second (and on every
      // failure), concatenates and sorts them all for percentiles and a snapshot event. At 20,000
      // calls/s that is a sort of 200,000 numbers: a 20–40 ms stall of the event loop each second.
      // Nothing reads them (the counts that open the breaker are kept either way).
      rollingPercentilesEnabled: false,
      enableSnapshots: false,
    });
    const state = gauge(registry, 'circuit_state', 'Redis circuit breaker: 0 closed, 1 half-open, 2 open');
    const events = counter(registry, 'circuit_events_total', 'Redis circuit breaker events', ['event']);
    state.set(0);
    const emitter = this.breaker as unknown as EventEmitter;
    for (const event of EVENTS) emitter.on(event, () => events.inc({ event }));
    emitter.on('open', () => state.set(STATE_VALUE.open));
    emitter.on('halfOpen', () => state.set(STATE_VALUE['half-open']));
    emitter.on('close', () => state.set(STATE_VALUE.closed));
  }

  fire<T>(thunk: () => Promise<T>): Promise<T> {
    return this.breaker.fire(thunk) as Promise<T>;
  }

  get state(): BreakerState {
    return this.breaker.opened ? 'open' : this.breaker.halfOpen ? 'half-open' : 'closed';
  }

  on(event: 'open' | 'close' | 'halfOpen', listener: () => void): void {
    (this.breaker as unknown as EventEmitter).on(event, listener);
  }

  shutdown(): void {
    this.breaker.shutdown();
  }
}
