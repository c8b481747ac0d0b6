import {
  connectServiceStorage,
  interactionTools,
  defineService,
  ensureJobStream,
  packageVersion,
  serveInteractions,
} from '@timekeeper/service-kit';
import { exportEnv } from './config';
import type { ExportDeps } from './deps';
import { exportMetrics } from './metrics';
import { buildRouter } from './router';
import { ExportGuard } from './workers/guard';
import { startExportWorker } from './workers';
import { stackedDaysChart } from './render/shared';

export const exportService = defineService({
  name: 'export',
  version: packageVersion(__dirname),
  description: 'CSV, PDF and DOCX reports',
  env: exportEnv,
  setup: async (ctx) => {
    const { config, logger, nc } = ctx;
    const registry = ctx.metrics.registry;
    const { clock, codec, api } = interactionTools(config);
    const storage = await connectServiceStorage(ctx, clock, { usageCounters: 'off' });
    await ensureJobStream(nc);
    const deps: ExportDeps = {
      storage,
      nc,
      api,
      clock,
      logger,
      guard: await ExportGuard.open(nc),
      metrics: exportMetrics(registry),
      chart: stackedDaysChart,
    };
    const worker = await startExportWorker(deps, registry);
    ctx.onClose(() => worker.stop());
    serveInteractions(ctx, 'export', buildRouter(deps, codec));
  },
});
