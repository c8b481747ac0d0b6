/** What every handler of the export service works with. */
import type { API } from '@discordjs/core/http-only';
import type { NatsConnection } from '@nats-io/transport-node';
import { ErrorCode } from '@timekeeper/contracts';
import { InteractionError, type Clock, type Logger } from '@timekeeper/service-kit';
import type { ReadResult, Storage } from '@timekeeper/storage';
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

const UNAVAILABLE_TEXT =
  "Timekeeper's storage is not answering right now. Nothing was changed; please try again in a moment.";

/** The value of a read, or a friendly refusal when storage cannot answer. */
export function valueOf<T>(result: ReadResult<T>): T {
  if (result.ok) return result.value;
  if (result.code === 'UNAVAILABLE') throw new InteractionError(ErrorCode.UNAVAILABLE, UNAVAILABLE_TEXT);
  throw new InteractionError(ErrorCode.INVALID_INPUT, result.message);
}
