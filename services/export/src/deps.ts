/** What every handler of the export service works with. */
import type { API } from '@discordjs/core/http-only';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Clock, Logger } from '@timekeeper/service-kit';
import type { Storage } from '@timekeeper/storage';
import type { ExportMetrics } from './metrics';
import type { ChartRenderer } from './render/shared';
import type { ExportGuard } from './workers/guard';

export interface ExportDeps {
  readonly storage: Storage;
  readonly nc: NatsConnection;
  readonly api: API;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly guard: ExportGuard;
  readonly metrics: ExportMetrics;
  readonly chart: ChartRenderer | null;
}
