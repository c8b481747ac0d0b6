import type { API } from '@discordjs/core/http-only';
import type { NatsConnection } from '@nats-io/transport-node';
import type { CustomIdCodec } from '@timekeeper/contracts';
import type { StorageApi } from '@timekeeper/storage';
import type { Logger } from 'pino';
import type { Clock } from '../clock';

/** What every handler of a service that answers interactions works with; each service's deps add theirs. */
export interface InteractionDeps<S = StorageApi> {
  readonly storage: S;
  readonly nc: NatsConnection;
  readonly api: API;
  readonly codec: CustomIdCodec;
  readonly clock: Clock;
  readonly logger: Logger;
}
