import { CONFIG_ERROR_EXIT_CODE, ConfigError } from '../config/parse-config';
import type { EnvShape, ServiceDefinition } from './definition';
import { startService } from './start-service';

/** After a shutdown signal, exit anyway once this much time has passed. */
export const FORCED_EXIT_AFTER_MS = 10_000;

/**
 * Process entry point: start the service from process.env, stop gracefully on SIGTERM/SIGINT and exit 0.
 * Invalid configuration prints one line per problem and exits 2; any other start failure exits 1.
 */
export async function runService<Shape extends EnvShape>(
  definition: ServiceDefinition<Shape>,
): Promise<void> {
  let handle: Awaited<ReturnType<typeof startService<Shape>>>;
  try {
    handle = await startService(definition, process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      for (const problem of error.problems) {
        process.stderr.write(`${definition.name}: config error: ${problem.message}\n`);
      }
      process.exit(CONFIG_ERROR_EXIT_CODE);
    }
    process.stderr.write(`${definition.name}: failed to start: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  }
  const { logger } = handle;
  let shuttingDown = false;
  // `on`, not `once`: Ctrl-C reaches every process of the terminal's group and a supervisor may then
  // send SIGTERM too; a repeated signal must not fall back to the default (immediate) exit.
  const shutdown = (signal: NodeJS.Signals): void => {
    if (shuttingDown) return void logger.info({ signal }, 'already shutting down');
    shuttingDown = true;
    logger.info({ signal }, 'shutdown requested');
    const force = setTimeout(() => {
      logger.error({ afterMs: FORCED_EXIT_AFTER_MS }, 'graceful shutdown took too long; forcing exit');
      process.exit(1);
    }, FORCED_EXIT_AFTER_MS);
    force.unref();
    handle.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  process.on('uncaughtException', (error) => {
    logger.fatal({ err: error }, 'uncaught exception');
    process.exit(1);
  });
  process.on('unhandledRejection', (reason) => {
    logger.fatal({ err: reason }, 'unhandled rejection');
    process.exit(1);
  });
}
