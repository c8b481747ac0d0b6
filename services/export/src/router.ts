/** Every command of the export service, in one table. */
import { createCustomIdCodec } from '@timekeeper/contracts';
import { InteractionRouter } from '@timekeeper/service-kit';
import { exportCommand } from './commands/export';
import type { ExportDeps } from './deps';

export function buildRouter(deps: ExportDeps): InteractionRouter {
  // The export service has no components, so its custom_id codec never verifies anything.
  const codec = createCustomIdCodec({ secret: 'export-service-has-no-components-000000' });
  return new InteractionRouter(codec, deps.logger).command('export', exportCommand(deps));
}
