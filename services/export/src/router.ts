/** Every command of the export service, in one table. */
import type { CustomIdCodec } from '@timekeeper/contracts';
import { InteractionRouter } from '@timekeeper/service-kit';
import { exportCommand } from './commands/export';
import type { ExportDeps } from './deps';

export function buildRouter(deps: ExportDeps, codec: CustomIdCodec): InteractionRouter {
  return new InteractionRouter(codec, deps.logger).command('export', exportCommand(deps));
}
