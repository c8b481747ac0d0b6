import type { NatsConnection } from '@nats-io/transport-node';
import type { ServiceName } from '@timekeeper/contracts';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { CommonConfig } from '../config/parse-config';
import type { HttpMethod, RouteHandler } from '../http/server';
import type { ReadinessCheck } from '../http/readiness';
import type { ServiceMetrics } from '../metrics/registry';
import type { HandleOptions, RequestHandler } from '../nats/endpoints';

export type EnvShape = z.ZodRawShape;
export type ServiceConfig<Shape extends EnvShape> = CommonConfig & z.output<z.ZodObject<Shape>>;

/** What a service's setup receives: its configuration and the means to register work. */
export interface ServiceContext<Config> {
  readonly name: ServiceName;
  readonly version: string;
  readonly config: Config;
  readonly logger: Logger;
  readonly nc: NatsConnection;
  readonly metrics: ServiceMetrics;
  /** Answers requests on `subject` in a queue group named after the service (unless overridden). */
  handle(subject: string, handler: RequestHandler, options?: HandleOptions): void;
  /** /readyz answers 503 while this check fails. */
  addReadinessCheck(name: string, check: ReadinessCheck): void;
  addRoute(method: HttpMethod, path: string, handler: RouteHandler): void;
  /** Runs at shutdown after NATS is drained; hooks run in reverse order of registration. */
  onClose(hook: () => void | Promise<void>): void;
}

export interface ServiceDefinition<Shape extends EnvShape = EnvShape> {
  readonly name: ServiceName;
  /** Semantic version, reported by discovery. */
  readonly version: string;
  readonly description: string;
  /** Service-specific variables, added to the common ones (NATS_URL, HTTP_PORT, LOG_LEVEL, INSTANCE_ID). */
  readonly env?: Shape;
  readonly setup?: (context: ServiceContext<ServiceConfig<Shape>>) => void | Promise<void>;
}

/** Identity function that infers the config type from `env`, so `setup` sees typed variables. */
export function defineService<Shape extends EnvShape = Record<never, never>>(
  definition: ServiceDefinition<Shape>,
): ServiceDefinition<Shape> {
  return definition;
}
