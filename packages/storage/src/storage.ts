import type { NatsConnection } from '@nats-io/transport-node';
import type { Redis } from 'ioredis';
import type { Registry } from 'prom-client';
import { isUnavailable } from './errors';
import { isToken, keys } from './model/keys';
import type { PeriodLock, ReadResult, WriteResult } from './model/outcomes';
import { invalid } from './model/outcomes';
import type { ActiveSession, Category, CompletedSession, GuildSettings } from './model/types';
import { AUDIT_MAX_LEN } from './model/plan';
import { checkCount, checkIds, checkInstant, isObject, normaliseCategory } from './model/validation';
import {
  checkDraft,
  checkDraftRef,
  dropDraft,
  readDraft,
  REQUEST_TTL_MS,
  saveDraft,
  takeDraft,
} from './repo/timesheet/drafts';
import { listLocks } from './repo/timesheet/locks';
import { readSuspension, type Suspension } from './repo/timesheet/suspensions';
import * as timesheet from './repo/timesheet/reads';
import type { Backend, CategoriesSnapshot, SettingsSnapshot } from './repo/backend';
import { listCategories, loadCategories } from './repo/categories';
import {
  changesCachedData,
  commandGuild,
  toCommand,
  WRITE_OPS,
  type StorageCommand,
  type StorageWrites,
  type WriteOp,
} from './repo/commands';
import * as periods from './repo/periods';
import * as rebuild from './repo/period-rebuild';
import * as reads from './repo/reads';
import { loadSettings } from './repo/settings';
import { DefaultBreakerOptions, RedisBreaker, type BreakerOptions } from './reliability/breaker';
import { cached, execBatch, RedisPool } from './redis/connection';
import { reportDurability } from './redis/durability';
import { GroupCommit, type GroupCommitOptions } from './redis/group-commit';
import { applyScript } from './redis/scripts';
import { WriteBatcher, type BatchOp, type WriteBatcherOptions } from './reliability/batcher';
import { GuildCache, type CacheName, type GuildCacheOptions } from './reliability/cache';
import type { JournalEntry, OutageJournalOptions } from './reliability/journal';
import { OutageJournal } from './reliability/journal';
import { JournalMarkers } from './reliability/journal-markers';
import { childCounter, counter } from './reliability/metrics';
import { RecentMap } from './reliability/recent-map';
import { StorageRecords, unless } from './storage-records';
import { WriteRouter, type WriteMode } from './reliability/write-router';

export interface StorageOptions {
  readonly redisUrl: string;
  /** The process's prom-client registry; storage registers `timekeeper_storage_*` metrics on it. */
  readonly registry: Registry;
  /** Connections to Redis, used in turn (more writes share each fsync). Default 4. */
  readonly redisConnections?: number;
  /** Enables the outage journal (JetStream) and cross-replica cache invalidation. */
  readonly nats?: NatsConnection;
  readonly breaker?: Partial<BreakerOptions>;
  readonly cache?: Partial<GuildCacheOptions>;
  readonly journal?: Partial<OutageJournalOptions>;
  /** Usage counters (`tk:{g}:stats`): through the write batcher, written directly, or not at all. */
  readonly usageCounters?: 'batched' | 'direct' | 'off';
  readonly batcher?: Partial<WriteBatcherOptions>;
  /** Group commit of clock events and every other write (redis/group-commit.ts). */
  readonly groupCommit?: Partial<GroupCommitOptions>;
  /** How long processed event ids are remembered (replays inside it change nothing). Default 7 days. */
  readonly eventTtlMs?: number;
  /** How often journal mode checks whether Redis is back. Default 250 ms. */
  readonly recoveryIntervalMs?: number;
  /** A journaled write was applied after an outage: publish its event here. */
  readonly onReplayed?: (command: StorageCommand, outcome: unknown, replayed: boolean) => void;
  /** A journaled write could not be applied and left the journal; never silent. */
  readonly onReplayFailed?: (entry: JournalEntry, error: unknown) => void;
  /**
   * This server's clock: instants further ahead of it than a day are refused. Services pass their own
   * clock (service-kit `clockFromEnv`), so a clock moved for a test or demo moves storage's too. Default
   * the wall clock.
   */
  readonly now?: () => number;
}

export const DefaultStorageOptions = {
  redisConnections: 4,
  usageCounters: 'batched',
  eventTtlMs: 7 * 86_400_000,
  recoveryIntervalMs: 250,
} as const;

// Its write methods come from the write table (repo/commands.ts, `WRITES`): one method per entry.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type
export interface Storage extends StorageWrites {}

/** Timekeeper's storage: the data model in Redis, behind a breaker, a cache, a journal and a batcher. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class Storage extends StorageRecords {
  static {
    for (const op of WRITE_OPS) {
      Object.defineProperty(Storage.prototype, op, {
        value(this: Storage, ...args: unknown[]) {
          return this.write(op, args);
        },
        writable: true,
        configurable: true,
      });
    }
  }

  private readonly writesTotal;

  private constructor(
    private readonly pool: RedisPool,
    private readonly options: StorageOptions,
    private readonly breaker: RedisBreaker,
    private readonly cache: GuildCache,
    private readonly router: WriteRouter | undefined,
    private readonly journal: OutageJournal | undefined,
    private readonly batcher: WriteBatcher | undefined,
    backend: Backend,
  ) {
    super(backend);
    this.writesTotal = childCounter(
      counter(options.registry, 'writes_total', 'Writes by operation and status', ['operation', 'status']),
    );
  }

  static async connect(options: StorageOptions): Promise<Storage> {
    const pool = await RedisPool.connect(
      options.redisUrl,
      options.redisConnections ?? DefaultStorageOptions.redisConnections,
      options.breaker?.timeoutMs ?? DefaultBreakerOptions.timeoutMs,
    );
    await reportDurability(pool.primary, options.registry);
    const breaker = new RedisBreaker(options.registry, options.breaker);
    const cache = new GuildCache(options.registry, options.cache);
    if (options.nats) cache.listen(options.nats);
    const call = <T>(fn: (r: Redis) => Promise<T>): Promise<T> => breaker.fire(() => fn(pool.next()));
    const commits = new GroupCommit(
      (keys, argv) => call((r) => applyScript.run(r, keys, argv)),
      options.groupCommit,
    );
    const hints = new RecentMap<string, string>(100_000);
    const ends = new RecentMap<string, string>(100_000);
    const backend: Backend = {
      call,
      apply: (guildId, write) => commits.apply(guildId, write),
      eventTtlMs: options.eventTtlMs ?? DefaultStorageOptions.eventTtlMs,
      now: options.now ?? (() => Date.now()),
      forgetLocal: (guildId) => cache.forgetLocal(guildId),
      activeHint: (guildId, userId) => hints.get(`${guildId}|${userId}`),
      rememberActive: (guildId, userId, raw) => {
        if (raw === null) hints.delete(`${guildId}|${userId}`);
        else hints.set(`${guildId}|${userId}`, raw);
      },
      lastEndHint: (guildId, userId) => ends.get(`${guildId}|${userId}`),
      rememberLastEnd: (guildId, userId, raw) => ends.set(`${guildId}|${userId}`, raw),
      settings: (guildId, fresh) =>
        cached(cache, guildId, 'settings', fresh, () => call((r) => loadSettings(r, guildId))),
      categories: (guildId, fresh) =>
        cached(cache, guildId, 'categories', fresh, () => call((r) => loadCategories(r, guildId))),
    };
    const usage = options.usageCounters ?? DefaultStorageOptions.usageCounters;
    const batcher =
      usage === 'batched'
        ? new WriteBatcher((ops) => call((r) => execBatch(r, ops)), options.registry, options.batcher)
        : undefined;
    const journal = options.nats
      ? await OutageJournal.open(options.nats, options.registry, options.journal)
      : undefined;
    const markers = options.nats ? await JournalMarkers.open(options.nats) : undefined;
    // The router's hooks need the instance that is built with the router.
    const self: { storage?: Storage } = {};
    const router = new WriteRouter(
      backend,
      journal,
      markers,
      {
        applied: (command, done, fromJournal) =>
          self.storage?.afterWrite(command, done.outcome, done.replayed, fromJournal),
        replayFailed: (entry, error) => options.onReplayFailed?.(entry, error),
        ping: async () => void (await call((r) => r.ping())),
      },
      options.recoveryIntervalMs ?? DefaultStorageOptions.recoveryIntervalMs,
    );
    const storage = new Storage(pool, options, breaker, cache, router, journal, batcher, backend);
    self.storage = storage;
    // A previous run may have left journaled writes: they go first.
    if (journal && (await journal.pending()) > 0) router.enterJournalMode();
    return storage;
  }

  /** A connection to Redis (for tests and tools; storage itself uses all of its connections). */
  get redis(): Redis {
    return this.pool.primary;
  }

  /** `direct` (writes go to Redis) or `journal` (Redis unreachable; writes go to the outage journal). */
  get mode(): WriteMode {
    return this.router?.mode ?? 'direct';
  }

  /** Redis is (or recently was) unreachable: writes are journaled, cached reads may be stale. */
  get degraded(): boolean {
    return this.mode === 'journal' || this.breaker.state !== 'closed';
  }

  get breakerState(): RedisBreaker['state'] {
    return this.breaker.state;
  }

  /** Replays the journal now if Redis answers (it also happens on its own every recovery interval). */
  recoverNow(): Promise<void> {
    return this.router?.recoverNow() ?? Promise.resolve();
  }

  /** Journaled writes not yet applied. */
  journalPending(): Promise<number> {
    return this.journal?.pending() ?? Promise.resolve(0);
  }

  // ── reads ───────────────────────────────────────────────────────────────────────────────────────

  getSettings(guildId: string): Promise<ReadResult<GuildSettings>> {
    return this.read(guildId, 'settings', '', async (b) => (await b.settings(guildId, false)).settings, true);
  }

  listCategories(guildId: string, includeArchived = false): Promise<ReadResult<Category[]>> {
    if (typeof includeArchived !== 'boolean') {
      return Promise.resolve(invalid('includeArchived', 'includeArchived is true or false'));
    }
    return this.read(
      guildId,
      'categories',
      '',
      async (b) => listCategories(await b.categories(guildId, false), includeArchived),
      true,
      (snapshot: CategoriesSnapshot) => listCategories(snapshot, includeArchived),
    );
  }

  activeSessions(guildId: string): Promise<ReadResult<ActiveSession[]>> {
    return this.read(guildId, 'reads', 'active', (b) => reads.activeSessions(b, guildId));
  }

  userSummary(guildId: string, userId: string, now: number): Promise<ReadResult<reads.UserSummary>> {
    const bad = checkIds({ guildId, userId }) ?? checkInstant('now', now, this.backend.now());
    if (bad) return Promise.resolve(bad);
    return this.read(guildId, 'reads', `summary:${userId}`, (b) =>
      reads.userSummary(b, guildId, userId, now),
    );
  }

  leaderboard(guildId: string, query: reads.LeaderboardQuery): Promise<ReadResult<reads.LeaderboardPage>> {
    const bad = reads.checkLeaderboardQuery(query, this.backend.now());
    if (bad) return Promise.resolve(bad);
    const id = `lb:${query.period}:${query.category ?? ''}:${query.at}:${query.offset ?? 0}:${query.limit ?? 10}`;
    return this.read(guildId, 'reads', id, (b) => reads.leaderboard(b, guildId, query));
  }

  /**
   * Completed sessions by start. A reader that goes through many pages once (an export) passes
   * `cache: false`: its pages are not kept in the L1 cache (thousands of sessions each), and it gets no
   * stale answer while Redis is unreachable.
   */
  sessionsInRange(
    guildId: string,
    query: reads.SessionRangeQuery,
    options: { readonly cache?: boolean } = {},
  ): Promise<ReadResult<{ sessions: CompletedSession[]; hasMore: boolean }>> {
    const bad = reads.checkRangeQuery(query);
    if (bad) return Promise.resolve(bad);
    const id = `range:${query.userId ?? ''}:${query.from}:${query.to}:${query.offset ?? 0}:${query.limit ?? ''}`;
    const cache = options.cache === false ? null : 'reads';
    return this.read(guildId, cache, id, (b) => reads.sessionsInRange(b, guildId, query));
  }

  /**
   * Completed sessions overlapping [from, to), each clipped to it (a session that started before the
   * range counts for its part inside). Of one member, or the guild when `userId` is omitted.
   */
  sessionsOverlapping(
    guildId: string,
    query: periods.OverlapQuery,
  ): Promise<ReadResult<periods.ClippedSession[]>> {
    const bad = periods.checkOverlapQuery(query);
    if (bad) return Promise.resolve(bad);
    const id = `overlap:${query.userId ?? ''}:${query.from}:${query.to}`;
    return this.read(guildId, 'reads', id, (b) => periods.sessionsOverlapping(b, guildId, query));
  }

  /** Daily rollups (guild or member) for local dates, from the index kept up on write. */
  dailyRollups(
    guildId: string,
    query: { fromDate: string; toDate: string; userId?: string },
  ): Promise<ReadResult<periods.DailyTotals>> {
    const bad = checkIds({ guildId }) ?? periods.checkRollupQuery(query);
    if (bad) return Promise.resolve(bad);
    const id = `rollups:${query.userId ?? ''}:${query.fromDate}:${query.toDate}`;
    return this.read(guildId, 'reads', id, async (b) =>
      periods.dailyRollups(b, guildId, (await b.settings(guildId, false)).settings, query),
    );
  }

  /** Whether the day/week/month/year boards are built for the guild's current zone and week start. */
  periodsState(guildId: string): Promise<ReadResult<rebuild.RebuildProgress>> {
    return this.read(guildId, 'reads', 'periods-state', async (b) =>
      rebuild.periodsState(b, guildId, (await b.settings(guildId, false)).settings),
    );
  }

  /** One batch of the rebuild of the zone-dependent aggregates for `generation` (period-rebuild.ts). */
  rebuildPeriods(guildId: string, generation: number, batch?: number): Promise<rebuild.RebuildProgress> {
    const bad =
      checkIds({ guildId }) ??
      checkCount('generation', generation, 0, Number.MAX_SAFE_INTEGER, false) ??
      checkCount('batch', batch, 1, rebuild.MAX_REBUILD_BATCH);
    return unless(bad, () => rebuild.rebuildStep(this.backend, guildId, generation, batch));
  }

  /**
   * A page of a board (its current generation), plus the place of `userId` on it, the members below
   * them and the board's median.
   */
  periodBoard(
    guildId: string,
    query: { periodId: string; category?: string | undefined; offset: number; limit: number; userId: string },
  ): Promise<ReadResult<periods.BoardRead>> {
    const bad = periods.checkPeriodBoardQuery(query);
    if (bad) return Promise.resolve(bad);
    const category = query.category === undefined ? undefined : normaliseCategory(query.category);
    const id = `board:${query.periodId}:${query.category ?? ''}:${query.offset}:${query.limit}:${query.userId}`;
    return this.read(guildId, 'reads', id, async (b) => {
      const board = periods.boardKeys(
        guildId,
        (await b.settings(guildId, false)).settings,
        query.periodId,
        category,
      );
      return periods.readBoard(b, { board: board.board, parts: [], reached: [board.reached] }, query);
    });
  }

  /**
   * The board of a custom range of local dates (inclusive), summed from the period boards: a page (limit
   * 0 for none) and the place of `userId`, the members below them and the median, in one round trip.
   */
  rangeBoard(
    guildId: string,
    query: {
      fromDate: string;
      toDate: string;
      category?: string | undefined;
      offset: number;
      limit: number;
      userId: string;
    },
  ): Promise<ReadResult<periods.BoardRead>> {
    const bad = periods.checkRangeBoardQuery(query);
    if (bad) return Promise.resolve(bad);
    const category = query.category === undefined ? undefined : normaliseCategory(query.category);
    const id = `range-board:${query.fromDate}:${query.toDate}:${query.category ?? ''}:${query.offset}:${query.limit}:${query.userId}`;
    return this.read(guildId, 'reads', id, async (b) =>
      periods.rangeBoard(b, guildId, (await b.settings(guildId, false)).settings, { ...query, category }),
    );
  }

  auditLog(guildId: string, count = 50): Promise<ReadResult<reads.AuditRecord[]>> {
    const bad = checkCount('count', count, 1, AUDIT_MAX_LEN, false);
    if (bad) return Promise.resolve(bad);
    return this.read(guildId, 'reads', `audit:${count}`, (b) => reads.auditLog(b, guildId, count));
  }

  /** The audit trail of a server or one member, newest first, a page at a time. */
  auditPage(guildId: string, query: timesheet.AuditQuery): Promise<ReadResult<timesheet.AuditPage>> {
    if (!isObject(query)) return Promise.resolve(invalid('query', 'an audit query is an object'));
    const bad =
      checkIds(query.userId === undefined ? { guildId } : { guildId, userId: query.userId }) ??
      (query.before === undefined ||
      (typeof query.before === 'string' && timesheet.STREAM_ID.test(query.before))
        ? null
        : invalid('before', 'not an audit cursor')) ??
      // A larger limit is clamped to a page (`MAX_AUDIT_PAGE`), a fractional or negative one refused.
      checkCount('limit', query.limit, 1, Number.MAX_SAFE_INTEGER, false);
    if (bad) return Promise.resolve(bad);
    const id = `auditpage:${query.userId ?? ''}:${query.before ?? ''}:${query.limit}`;
    return this.read(guildId, 'reads', id, (b) => timesheet.auditPage(b, guildId, query));
  }

  /** Sessions flagged for review (capped or auto-closed), oldest first. */
  reviewQueue(
    guildId: string,
    offset = 0,
    limit = 10,
  ): Promise<ReadResult<{ sessions: CompletedSession[]; total: number }>> {
    const bad =
      checkCount('offset', offset, 0, reads.MAX_OFFSET, false) ??
      checkCount('limit', limit, 1, reads.MAX_LEADERBOARD_LIMIT, false);
    if (bad) return Promise.resolve(bad);
    return this.read(guildId, 'reads', `review:${offset}:${limit}`, (b) =>
      timesheet.reviewQueue(b, guildId, offset, limit),
    );
  }

  /** One completed session, or null. */
  session(guildId: string, sessionId: string): Promise<ReadResult<CompletedSession | null>> {
    if (!isToken(sessionId)) return Promise.resolve(invalid('sessionId', 'not a session id'));
    return this.read(guildId, 'reads', `session:${sessionId}`, (b) =>
      timesheet.readSession(b, guildId, sessionId),
    );
  }

  /** Approved (locked) periods, newest first. */
  periodLocks(guildId: string): Promise<ReadResult<PeriodLock[]>> {
    return this.read(guildId, 'reads', 'locks', (b) => listLocks(b, guildId));
  }

  /** The member's suspension if it holds at `now` (null: the member may clock in). */
  suspension(guildId: string, userId: string, now: number): Promise<ReadResult<Suspension | null>> {
    const bad = checkIds({ userId }) ?? checkInstant('now', now, this.backend.now());
    if (bad) return Promise.resolve(bad);
    return this.read(guildId, 'reads', `suspension:${userId}`, (b) =>
      readSuspension(b, guildId, userId, now),
    );
  }

  /** Keeps a previewed correction until it is confirmed (15 minutes). */
  saveDraft(guildId: string, draftId: string, draft: unknown, ttlMs?: number): Promise<void> {
    const bad =
      checkDraftRef(guildId, draftId) ?? checkDraft(draft) ?? checkCount('ttlMs', ttlMs, 1, REQUEST_TTL_MS);
    return unless(bad, () => saveDraft(this.backend, guildId, draftId, draft, ttlMs));
  }

  takeDraft<T>(guildId: string, draftId: string): Promise<T | null> {
    return unless(checkDraftRef(guildId, draftId), () => takeDraft<T>(this.backend, guildId, draftId));
  }

  readDraft<T>(guildId: string, draftId: string): Promise<T | null> {
    return unless(checkDraftRef(guildId, draftId), () => readDraft<T>(this.backend, guildId, draftId));
  }

  dropDraft(guildId: string, draftId: string): Promise<void> {
    return unless(checkDraftRef(guildId, draftId), () => dropDraft(this.backend, guildId, draftId));
  }

  /** Flushes batched writes, stops replaying, closes Redis. Rejects (BatchFlushError) if writes could not be flushed. */
  async close(): Promise<void> {
    await this.router?.stop();
    try {
      await this.batcher?.close();
    } finally {
      this.cache.close();
      this.breaker.shutdown();
      this.pool.disconnect();
    }
  }

  // ── internals ───────────────────────────────────────────────────────────────────────────────────

  private async write(op: WriteOp, args: unknown[]): Promise<WriteResult<unknown>> {
    const command = toCommand(op, args);
    const result = await this.router!.write(command);
    if (result.status === 'journaled') this.writesTotal(op, 'journaled').inc();
    return result;
  }

  private afterWrite(
    command: StorageCommand,
    outcome: unknown,
    replayed: boolean,
    fromJournal: boolean,
  ): void {
    const ok = (outcome as { ok?: boolean }).ok === true;
    const status = replayed ? 'replayed' : ok ? 'applied' : 'rejected';
    this.writesTotal(command.op, fromJournal ? `journal_${status}` : status).inc();
    const guildId = commandGuild(command);
    if (ok && !replayed && changesCachedData(command)) this.cache.invalidate(guildId);
    if (ok && !replayed) this.countUsage(guildId, command.op);
    if (fromJournal) this.options.onReplayed?.(command, outcome, replayed);
  }

  private countUsage(guildId: string, op: string): void {
    const write: BatchOp = { cmd: 'hincrby', key: keys.stats(guildId), field: op, by: 1 };
    const mode = this.options.usageCounters ?? DefaultStorageOptions.usageCounters;
    const report = (): void => this.writesTotal('usage_counter', 'lost').inc();
    if (mode === 'batched') this.batcher?.enqueue(write, 'low').catch(report);
    else if (mode === 'direct')
      this.backend.call((r) => r.hincrby(write.key, write.field, write.by)).catch(report);
  }

  /**
   * Redis first (cached on success); while unreachable, the last cached value marked stale. `name` null:
   * neither cached nor answered from the cache.
   */
  private async read<T, S = T>(
    guildId: string,
    name: CacheName | null,
    id: string,
    load: (backend: Backend) => Promise<T>,
    cachedByBackend = false,
    fromSnapshot?: (snapshot: S) => T,
  ): Promise<ReadResult<T>> {
    const bad = checkIds({ guildId });
    if (bad) return bad;
    try {
      const value = await load(this.backend);
      if (!cachedByBackend && name !== null) this.cache.set(guildId, name, value, id);
      // A cached answer while Redis is unreachable may be out of date: say so.
      return { ok: true, value, stale: cachedByBackend && this.degraded };
    } catch (error) {
      if (!isUnavailable(error)) throw error;
      const stale =
        name === null ? undefined : this.cache.getStale<unknown>(guildId, name, cachedByBackend ? '' : id);
      if (stale !== undefined) {
        const value = cachedByBackend
          ? fromSnapshot
            ? fromSnapshot(stale as S)
            : ((stale as SettingsSnapshot).settings as T)
          : (stale as T);
        return { ok: true, value, stale: true };
      }
      return { ok: false, code: 'UNAVAILABLE', message: 'Redis is unreachable and nothing is cached' };
    }
  }
}
