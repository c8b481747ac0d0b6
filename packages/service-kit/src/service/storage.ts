import { Storage, type StorageOptions } from '@timekeeper/storage';
import type { Clock } from '../clock';
import type { ServiceContext } from './definition';

/** What a service may add to its storage connection (replay hooks, usage counters, …). */
export type ServiceStorageOptions = Omit<StorageOptions, 'redisUrl' | 'now' | 'registry' | 'nats'>;

/**
 * The service's storage: on the service's clock, counted in its registry, journaling over its NATS
 * connection, closed at shutdown, and `/readyz` failing while Redis is unreachable.
 */
export async function connectServiceStorage(
  ctx: ServiceContext<{ readonly REDIS_URL: string }>,
  clock: Clock,
  options: ServiceStorageOptions = {},
): Promise<Storage> {
  const storage = await Storage.connect({
    redisUrl: ctx.config.REDIS_URL,
    now: () => clock.now(),
    registry: ctx.metrics.registry,
    nats: ctx.nc,
    ...options,
  });
  ctx.onClose(() => storage.close());
  ctx.addReadinessCheck('redis', () => {
    if (storage.breakerState === 'open')
      throw new Error('Redis unreachable (writes are journaled until it is back)');
  });
  return storage;
}
