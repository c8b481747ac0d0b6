export { connectGatewayRedis, inOneWrite, type GatewayRedisOptions, type Redis } from './connection';
export { GATEWAY_KEY_PREFIX, gatewayKeys, InvalidKeyPartError } from '../model/keys';
export {
  DefaultGatewaySessionStoreOptions,
  GatewaySessionStore,
  type GatewaySessionStoreOptions,
  type StoredSession,
} from './session-store';
export {
  DefaultIdentifyLockOptions,
  IdentifyWaitAbortedError,
  RedisIdentifyLock,
  type IdentifyLockOptions,
} from './identify-lock';
export { IdentifyLog } from './identify-log';
export { ANSWERED_MARKER_TTL_MS, AnsweredInteractions, DEFAULT_MARK_DELAY_MS } from './answered';
export {
  InteractionRateLimits,
  type InteractionRateLimitsOptions,
  type RateLimitDecision,
  type RateLimitRule,
  type RateLimitScope,
} from './rate-limits';
export { LicenseVerdictStore } from './license-verdict';
