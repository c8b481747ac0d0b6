import { Redis } from 'ioredis';

export interface GatewayRedisOptions {
  /** Client name shown by CLIENT LIST. */
  readonly name?: string;
  /** A command not answered within this many ms fails (the gateway never waits long on Redis). */
  readonly commandTimeoutMs?: number;
}

/**
 * The gateway's Redis connection. Commands fail fast while disconnected instead of queueing: every gateway
 * use of Redis (sessions, throttling, rate limits) has a sensible answer when Redis is away, and an
 * interaction must not wait for a reconnect.
 */
export async function connectGatewayRedis(url: string, options: GatewayRedisOptions = {}): Promise<Redis> {
  const redis = new Redis(url, {
    connectionName: options.name ?? 'timekeeper-gateway',
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: options.commandTimeoutMs ?? 1_000,
    retryStrategy: (times) => Math.min(50 * times, 1_000),
    lazyConnect: true,
    // Interactions arrive in bursts and each needs a few small commands (rate limits, markers, sessions):
    // commands issued in the same tick go out in one write.
    enableAutoPipelining: true,
  });
  // Connection errors surface through failed commands and the readiness check; without a listener
  // ioredis would print every reconnect attempt.
  redis.on('error', () => undefined);
  await redis.connect();
  return redis;
}

export type { Redis };
