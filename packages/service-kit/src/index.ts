export {
  DEFAULT_DISCORD_API_URL,
  DEFAULT_NATS_URL,
  DEFAULT_REDIS_URL,
  LOG_LEVELS,
  envField,
  envFields,
  parseHexKey,
  parseLicensePublicKey,
  parseLogLevel,
  parseNonEmpty,
  parseSecret,
  MIN_SECRET_LENGTH,
  parsePort,
  parseBoolean,
  parseNonNegativeInteger,
  parsePositiveInteger,
  parseShardIds,
  parseSnowflake,
  parseToken,
  parseUrl,
  type FieldParse,
  type LogLevel,
} from './config/env-fields';
export {
  CONFIG_ERROR_EXIT_CODE,
  ConfigError,
  commonEnvShape,
  loadConfigOrExit,
  parseConfig,
  servicePortVariable,
  withServicePort,
  type CommonConfig,
  type ConfigProblem,
  type ConfigResult,
} from './config/parse-config';
export {
  CONFIG_VARIABLES,
  configVariablesMarkdown,
  describeVariable,
  type ConfigVariable,
} from './config/variables';
export { REDACTED_PATHS, createLogger, type Logger, type LoggerOptions } from './logging/logger';
export { createServiceMetrics, type ServiceMetrics } from './metrics/registry';
export { defineMetrics } from './metrics/define';
export {
  connectNats,
  describeStatus,
  type ConnectNatsOptions,
  type NatsConnectionState,
} from './nats/connection';
export {
  DuplicateEndpointError,
  ServiceEndpoints,
  type HandleOptions,
  type HandlerReply,
  type RequestHandler,
} from './nats/endpoints';
export {
  SERVICE_ERROR_CODE_HEADER,
  SERVICE_ERROR_HEADER,
  ServiceError,
  describeFailure,
} from './nats/service-error';
export * from './discovery/adr32';
export { EndpointStats, type EndpointStatsSnapshot } from './discovery/endpoint-stats';
export { startDiscoveryResponder, type DiscoverySource } from './discovery/responder';
export {
  DuplicateRouteError,
  ServiceHttpServer,
  sendJson,
  type HttpMethod,
  type RouteHandler,
} from './http/server';
export {
  READINESS_CHECK_TIMEOUT_MS,
  evaluateReadiness,
  type ReadinessCheck,
  type ReadinessReport,
} from './http/readiness';
export {
  defineService,
  type EnvShape,
  type ServiceConfig,
  type ServiceContext,
  type ServiceDefinition,
} from './service/definition';
export { startService, type ServiceHandle, type StartServiceOptions } from './service/start-service';
export { FORCED_EXIT_AFTER_MS, runService } from './service/run-service';
export { packageVersion } from './service/package-version';
export { connectServiceStorage, type ServiceStorageOptions } from './service/storage';
export { interactionTools, type InteractionTools, type InteractionToolsConfig } from './service/tools';
export type { InteractionDeps } from './service/interaction-deps';
export * from './interactions';
export * from './jobs';
export { clockFromEnv, offsetFileClock, systemClock, type Clock } from './clock';
export { ForwardClock, type ForwardClockSources } from './forward-clock';
export {
  EVENTS_PUBLISHED_METRIC,
  publishEvent,
  type EventPublishOutcome,
  type EventPublisherDeps,
} from './events/publish';
