export { MissingBinaryError, findBinary } from './binary';
export { ManagedServer, pollUntil, type ManagedServerOptions } from './managed-process';
export { NatsServer, type NatsServerOptions } from './nats-server';
export { freePort } from './ports';
export { RedisServer, rawRedisCommand, type RedisServerOptions } from './redis-server';
export * from './stack';
export * from './malformed-interactions';
export { forFile } from './for-file';
export * from './product';
