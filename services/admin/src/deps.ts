import type { API } from '@discordjs/core/http-only';
import type { NatsConnection } from '@nats-io/transport-node';
import type { CustomIdCodec } from '@timekeeper/contracts';
import type { Clock } from '@timekeeper/service-kit';
import type { StorageApi } from '@timekeeper/storage';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { GuildDefaults } from '@timekeeper/storage';

/** What every handler of the admin service works with. Built once in `service.ts`. */
export interface AdminDeps {
  readonly storage: StorageApi;
  readonly codec: CustomIdCodec;
  readonly clock: Clock;
  readonly nc: NatsConnection;
  /** Discord REST; undefined when no bot token is configured (nothing can be posted then). */
  readonly discord: API | undefined;
  readonly defaults: GuildDefaults;
  readonly logger: Logger;
  /** The service's metrics registry (events published are counted there). */
  readonly registry: Registry;
}
