export * from './errors';
export * from './model/keys';
export * from './model/outcomes';
export * from './model/types';
export * from './model/time';
export * from './model/validation';
export * from './model/settings-patch';
export { AggregateDelta, TxPlan, AUDIT_MAX_LEN, type Guard, type Op, type AuditEntry } from './model/plan';
export type {
  StorageCommand,
  CommandOutcomes,
  StorageWrites,
  WriteArgs,
  WriteInput,
  WriteOp,
} from './repo/commands';
export type { StorageApi } from './api';
export type { SessionChanges, ClockInInput, ClockOutInput, SwitchInput } from './repo/sessions';
/** The operations a completed session's close writes (for bulk loaders that must write the same keys). */
export { recordClosed } from './repo/sessions';
export {
  compareSnowflakes,
  MAX_LEADERBOARD_LIMIT,
  MAX_RANGE_LIMIT,
  type AuditRecord,
  type LeaderboardEntry,
  type LeaderboardPage,
  type LeaderboardPeriod,
  type LeaderboardQuery,
  type SessionRangeQuery,
  type UserSummary,
} from './repo/reads';
export {
  RedisBreaker,
  DefaultBreakerOptions,
  type BreakerOptions,
  type BreakerState,
} from './reliability/breaker';
export {
  WriteBatcher,
  DefaultWriteBatcherOptions,
  BATCH_PRIORITIES,
  type BatchOp,
  type BatchPriority,
  type BatchExecutor,
  type WriteBatcherOptions,
} from './reliability/batcher';
export {
  GuildCache,
  DefaultGuildCacheOptions,
  type GuildCacheOptions,
  type CacheName,
} from './reliability/cache';
export {
  OutageJournal,
  DefaultOutageJournalOptions,
  type OutageJournalOptions,
  type JournalEntry,
} from './reliability/journal';
export { METRIC_PREFIX } from './reliability/metrics';
export type { WriteMode } from './reliability/write-router';
export { DURABLE_REDIS_CONFIG, readDurability, type RedisDurability } from './redis/durability';
export { LuaScript, APPLY_LUA, BOARD_LUA, NOOP_LUA, noopScript } from './redis/scripts';
export { Storage, DefaultStorageOptions, type StorageOptions } from './storage';
export type { DashboardRecord } from './repo/dashboards';
export { configKeys, contractEvents } from './events';
export { allowanceStart } from './repo/allowance';
export {
  SYSTEM_ACTOR,
  type CloseAtInput,
  type CloseAtOutcome,
  type ConfirmActivityOutcome,
  type SessionRef,
} from './repo/session-close';
export {
  dailyTotals,
  periodRange,
  rangeBoardIds,
  MAX_OVERLAP_SESSIONS,
  RangeTooLargeError,
  type BoardEntry,
  type BoardRead,
  type ClippedSession,
  type DailyTotals,
  type OverlapQuery,
  type PeriodKind,
} from './repo/periods';
export { memberAggregates, type RebuildProgress } from './repo/period-rebuild';
export { MAX_NOTICES, NOTICE_KINDS, type Notice, type NoticeKind } from './repo/notices';
export { GuildDefaults } from './guild-defaults';
export type { AddSessionInput, AddSessionOutcome } from './repo/timesheet/add-session';
export { EVERYONE, type LockInput, type LockOutcome } from './repo/timesheet/locks';
export {
  MAX_SUSPENSION_MS,
  type SuspendInput,
  type Suspension,
  type SuspensionOutcome,
} from './repo/timesheet/suspensions';
export { MAX_AUDIT_PAGE, type AuditItem, type AuditPage, type AuditQuery } from './repo/timesheet/reads';
export { DRAFT_TTL_MS, REQUEST_TTL_MS } from './repo/timesheet/drafts';
