/** The export service's JetStream consumer: one durable consumer for `export.render`. */
import { consumeJobs } from '@timekeeper/service-kit';
import type { Registry } from 'prom-client';
import type { ExportDeps } from '../deps';
import { EXPORT_ACK_WAIT_MS, handleExportJob } from './render-export';

export function startExportWorker(deps: ExportDeps, registry: Registry) {
  return consumeJobs(
    { nc: deps.nc, logger: deps.logger, registry, durablePrefix: 'export' },
    {
      kind: 'export.render',
      ackWaitMs: EXPORT_ACK_WAIT_MS,
      maxAttempts: 6,
      handler: (job, attempt, working) => handleExportJob(deps, job, attempt, working),
    },
  );
}
