import { nuid, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import { z } from 'zod';
import {
  ConfigError,
  commonEnvShape,
  parseConfig,
  servicePortVariable,
  withServicePort,
  type ConfigProblem,
} from '../config/parse-config';
import { assertValidIdentity, type ServiceIdentity } from '../discovery/adr32';
import { startDiscoveryResponder } from '../discovery/responder';
import { ServiceHttpServer } from '../http/server';
import { createLogger } from '../logging/logger';
import { createServiceMetrics, type ServiceMetrics } from '../metrics/registry';
import { connectNats, type NatsConnectionState } from '../nats/connection';
import { ServiceEndpoints } from '../nats/endpoints';
import type { EnvShape, ServiceConfig, ServiceContext, ServiceDefinition } from './definition';

export interface ServiceHandle<Config> {
  readonly identity: ServiceIdentity;
  readonly config: Config;
  readonly logger: Logger;
  readonly metrics: ServiceMetrics;
  readonly nc: NatsConnection;
  /** The port the HTTP server listens on. */
  readonly httpPort: number;
  /** Requests accepted but not yet answered. */
  inFlightRequests(): number;
  /** Graceful stop; safe to call more than once (later calls return the same promise). */
  stop(): Promise<void>;
}

export interface StartServiceOptions {
  /** Interface the HTTP server binds; all interfaces by default (containers are probed from outside). */
  readonly httpHost?: string;
}

/**
 * Starts a service in this process: validate config (throws ConfigError), serve HTTP, connect to NATS,
 * answer discovery, run the definition's setup. Used by runService and directly by tests.
 */
export async function startService<Shape extends EnvShape>(
  definition: ServiceDefinition<Shape>,
  env: Readonly<Record<string, string | undefined>>,
  options: StartServiceOptions = {},
): Promise<ServiceHandle<ServiceConfig<Shape>>> {
  assertValidIdentity(definition);
  const schema = z.object({ ...commonEnvShape(definition.name), ...(definition.env ?? {}) });
  const parsed = parseConfig(schema, withServicePort(definition.name, env));
  if (!parsed.ok) throw new ConfigError(portProblemsNamed(definition.name, env, parsed.problems));
  const config = parsed.config as ServiceConfig<Shape>;

  const logger = createLogger({
    service: definition.name,
    instance: config.INSTANCE_ID,
    level: config.LOG_LEVEL,
  });
  const metrics = createServiceMetrics({
    service: definition.name,
    instance: config.INSTANCE_ID,
    version: definition.version,
  });
  const http = new ServiceHttpServer(metrics.registry, logger);
  let stopping = false;
  let natsState: NatsConnectionState | undefined;
  let started = false;
  http.addReadinessCheck('shutdown', () => {
    if (stopping) throw new Error('shutting down');
  });
  // Ready means the service can do its work: not before setup has finished and discovery answers.
  http.addReadinessCheck('started', () => {
    if (!started) throw new Error('starting');
  });
  // Registered before connecting: while the first connect is pending the service is alive, not ready.
  http.addReadinessCheck('nats', () => {
    if (!natsState) throw new Error('not connected yet');
    if (!natsState.isConnected()) throw new Error('not connected');
  });
  const httpPort = await http.listen(config.HTTP_PORT, options.httpHost);
  logger.info({ port: httpPort }, 'HTTP server listening');

  const closeHooks: (() => void | Promise<void>)[] = [];
  let discovery: Subscription[] = [];
  let endpoints: ServiceEndpoints | undefined;
  let nc: NatsConnection | undefined;

  const runCloseHooks = async (): Promise<void> => {
    for (const hook of closeHooks.reverse()) {
      try {
        await hook();
      } catch (error) {
        logger.error({ err: error }, 'close hook failed');
      }
    }
    closeHooks.length = 0;
  };

  try {
    const connection = await connectNats({
      url: config.NATS_URL,
      name: `${definition.name}:${config.INSTANCE_ID}`,
      logger,
      onConnectedChange: (connected) => metrics.natsConnected.set(connected ? 1 : 0),
    });
    natsState = connection;
    nc = connection.nc;
    const identity: ServiceIdentity = {
      name: definition.name,
      id: nuid.next(),
      version: definition.version,
      description: definition.description,
      metadata: { instance: config.INSTANCE_ID },
    };
    const serviceEndpoints = new ServiceEndpoints(nc, definition.name, logger, metrics);
    endpoints = serviceEndpoints;
    const context: ServiceContext<ServiceConfig<Shape>> = {
      name: definition.name,
      version: definition.version,
      config,
      logger,
      nc,
      metrics,
      handle: (subject, handler, handleOptions) => serviceEndpoints.handle(subject, handler, handleOptions),
      addReadinessCheck: (name, check) => http.addReadinessCheck(name, check),
      addRoute: (method, path, handler) => http.addRoute(method, path, handler),
      onClose: (hook) => void closeHooks.push(hook),
    };
    await definition.setup?.(context);
    discovery = startDiscoveryResponder(
      nc,
      { identity, started: new Date(), endpoints: () => serviceEndpoints.list() },
      logger,
    );
    await nc.flush();
    started = true;
    logger.info({ id: identity.id, version: identity.version }, 'service started');

    let stopped: Promise<void> | undefined;
    const connectionNc = nc;
    const stop = (): Promise<void> =>
      (stopped ??= (async () => {
        stopping = true;
        logger.info({ inFlight: serviceEndpoints.inFlightCount }, 'stopping');
        await serviceEndpoints.drain();
        for (const subscription of discovery) subscription.unsubscribe();
        if (!connectionNc.isClosed()) await connectionNc.drain().catch(() => connectionNc.close());
        await runCloseHooks();
        await http.close();
        logger.info('stopped');
      })());
    return {
      identity,
      config,
      logger,
      metrics,
      nc,
      httpPort,
      inFlightRequests: () => serviceEndpoints.inFlightCount,
      stop,
    };
  } catch (error) {
    // Setup failed part-way: release what was opened so the caller can exit or retry cleanly.
    await endpoints?.drain().catch(() => undefined);
    if (nc && !nc.isClosed()) await nc.close().catch(() => undefined);
    await runCloseHooks();
    await http.close();
    throw error;
  }
}

/** A bad `<NAME>_HTTP_PORT` was read as HTTP_PORT; name the variable the operator actually set. */
function portProblemsNamed(
  service: string,
  env: Readonly<Record<string, string | undefined>>,
  problems: readonly ConfigProblem[],
): readonly ConfigProblem[] {
  const own = servicePortVariable(service);
  if (!env[own]) return problems;
  return problems.map((problem) =>
    problem.variable === 'HTTP_PORT'
      ? { variable: own, message: problem.message.replace('HTTP_PORT', own) }
      : problem,
  );
}
