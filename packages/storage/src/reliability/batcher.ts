import type { Registry } from 'prom-client';
import { BatchFlushError, BatchQueueFullError, BatcherClosedError } from '../errors';
import { counter, gauge, histogram } from './metrics';

/** A non-critical write: counters and appends whose loss would not corrupt the time data. */
export type BatchOp =
  | { readonly cmd: 'hincrby'; readonly key: string; readonly field: string; readonly by: number }
  | { readonly cmd: 'incrby'; readonly key: string; readonly by: number }
  | { readonly cmd: 'hset'; readonly key: string; readonly field: string; readonly value: string }
  | {
      readonly cmd: 'xadd';
      readonly key: string;
      readonly maxLen: number;
      readonly fields: readonly string[];
    };

export const BATCH_PRIORITIES = ['high', 'normal', 'low'] as const;
export type BatchPriority = (typeof BATCH_PRIORITIES)[number];

export interface WriteBatcherOptions {
  /** Most writes queued; a full queue pushes back on `enqueue`. */
  readonly capacity: number;
  /** A batch is flushed once this many writes are queued… */
  readonly batchSize: number;
  /** …or this long after the first write of a batch was queued. */
  readonly flushIntervalMs: number;
  /** How long `enqueue` waits for room in a full queue before rejecting with BatchQueueFullError. */
  readonly enqueueWaitMs: number;
  /** Upper bound of the retry back-off after a failed flush (it starts at 50 ms and doubles). */
  readonly maxRetryDelayMs: number;
}

export const DefaultWriteBatcherOptions: WriteBatcherOptions = {
  capacity: 10_000,
  batchSize: 256,
  flushIntervalMs: 50,
  enqueueWaitMs: 1_000,
  maxRetryDelayMs: 5_000,
};

/** Runs one batch, all or nothing (storage uses MULTI/EXEC). */
export type BatchExecutor = (ops: readonly BatchOp[]) => Promise<void>;

interface Waiter {
  readonly resolve: () => void;
  readonly timer: NodeJS.Timeout;
}

/**
 * A priority queue of non-critical writes flushed as pipelines by size or time. FIFO within a
 * priority; higher priorities leave first. A full queue makes `enqueue` wait, then reject with a typed
 * error; a failed flush keeps its writes at the head of the queue and retries with back-off; `close`
 * flushes everything or reports, in the error, exactly what could not be written. Nothing is dropped
 * silently. A batch whose connection died mid-EXEC is retried, so a counter may, rarely, count twice.
 */
export class WriteBatcher {
  private readonly queues: BatchOp[][] = BATCH_PRIORITIES.map(() => []);
  private readonly options: WriteBatcherOptions;
  private readonly waiters: Waiter[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private failures = 0;
  /** Writes taken out for the batch in flight: they still hold their place against `capacity`. */
  private inFlight = 0;
  private closed = false;
  private readonly depthGauge;
  private readonly flushSeconds;
  private readonly flushFailures;
  private readonly flushedOps;
  private readonly rejected;

  constructor(
    private readonly execute: BatchExecutor,
    registry: Registry,
    options: Partial<WriteBatcherOptions> = {},
  ) {
    this.options = { ...DefaultWriteBatcherOptions, ...options };
    this.depthGauge = gauge(registry, 'batch_queue_depth', 'Writes waiting in the batch queue');
    this.flushSeconds = histogram(
      registry,
      'batch_flush_duration_seconds',
      'Time to write one batch',
      [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    );
    this.flushFailures = counter(
      registry,
      'batch_flush_failures_total',
      'Batches that failed and were re-queued',
    );
    this.flushedOps = counter(registry, 'batch_writes_flushed_total', 'Writes flushed by the batcher');
    this.rejected = counter(
      registry,
      'batch_writes_rejected_total',
      'Writes refused because the queue stayed full',
    );
  }

  /** Writes queued or being flushed. */
  get depth(): number {
    return this.queued + this.inFlight;
  }

  private get queued(): number {
    return this.queues.reduce((n, q) => n + q.length, 0);
  }

  /** Resolves once the write is queued (not yet written); rejects when the queue stays full or is closed. */
  async enqueue(op: BatchOp, priority: BatchPriority = 'normal'): Promise<void> {
    if (this.closed) throw new BatcherClosedError();
    const deadline = Date.now() + this.options.enqueueWaitMs;
    // A loop: another writer may take the room between our wake-up and our turn.
    while (this.depth >= this.options.capacity) {
      const gotRoom = await this.waitForRoom(deadline - Date.now());
      if (this.closed) throw new BatcherClosedError();
      if (!gotRoom) {
        this.rejected.inc();
        throw new BatchQueueFullError(this.options.capacity);
      }
    }
    this.queues[BATCH_PRIORITIES.indexOf(priority)]!.push(op);
    this.depthGauge.set(this.depth);
    if (this.queued >= this.options.batchSize) this.kick(0);
    else this.kick(this.options.flushIntervalMs);
  }

  /** Writes everything queued now; rejects if a batch fails (its writes stay queued). */
  async flush(): Promise<void> {
    while (this.queued > 0) {
      await this.flushOnce();
      if (this.failures > 0) throw new Error('a batch failed; its writes stay queued for retry');
    }
  }

  /**
   * Stops accepting writes and flushes the rest, retrying with back-off until `timeoutMs`. If some
   * cannot be written in time, rejects with BatchFlushError listing them.
   */
  async close(timeoutMs = 10_000): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const waiter of this.waiters.splice(0)) {
      clearTimeout(waiter.timer);
      waiter.resolve();
    }
    const deadline = Date.now() + timeoutMs;
    let lastError: unknown;
    while (this.queued > 0 && Date.now() < deadline) {
      try {
        await this.flushOnce(true);
      } catch (error) {
        lastError = error;
      }
      if (this.failures > 0) await sleep(Math.min(this.retryDelay(), Math.max(0, deadline - Date.now())));
    }
    if (this.queued > 0) {
      const unflushed = this.queues.flatMap((q) => q.splice(0));
      this.depthGauge.set(0);
      throw new BatchFlushError(unflushed, lastError);
    }
  }

  private kick(delayMs: number): void {
    if (this.closed || this.flushing) return;
    if (this.timer && delayMs > 0) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flushOnce().catch(() => undefined);
    }, delayMs);
  }

  private flushOnce(force = false): Promise<void> {
    if (this.flushing) return this.flushing;
    this.flushing = this.runBatch(force).finally(() => {
      this.flushing = undefined;
      if (this.closed) return;
      if (this.failures > 0) this.kick(this.retryDelay());
      else if (this.queued >= this.options.batchSize) this.kick(0);
      else if (this.queued > 0) this.kick(this.options.flushIntervalMs);
    });
    return this.flushing;
  }

  private async runBatch(force: boolean): Promise<void> {
    if (this.closed && !force) return;
    const batch: { op: BatchOp; priority: number }[] = [];
    for (let p = 0; p < this.queues.length && batch.length < this.options.batchSize; p++) {
      const taken = this.queues[p]!.splice(0, this.options.batchSize - batch.length);
      for (const op of taken) batch.push({ op, priority: p });
    }
    if (batch.length === 0) return;
    this.inFlight = batch.length;
    const started = process.hrtime.bigint();
    try {
      await this.execute(batch.map((b) => b.op));
      this.failures = 0;
      this.flushedOps.inc(batch.length);
      this.flushSeconds.observe(Number(process.hrtime.bigint() - started) / 1e9);
    } catch (error) {
      // Back at the head of their queues, in their original order.
      for (let p = this.queues.length - 1; p >= 0; p--) {
        this.queues[p]!.unshift(...batch.filter((b) => b.priority === p).map((b) => b.op));
      }
      this.failures++;
      this.flushFailures.inc();
      throw error;
    } finally {
      this.inFlight = 0;
      this.depthGauge.set(this.depth);
      this.wakeWaiters();
    }
  }

  private waitForRoom(ms: number): Promise<boolean> {
    if (ms <= 0) return Promise.resolve(false);
    return new Promise((resolve) => {
      const waiter: Waiter = {
        resolve: () => resolve(true),
        timer: setTimeout(() => {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          resolve(false);
        }, ms),
      };
      this.waiters.push(waiter);
      this.kick(0);
    });
  }

  private wakeWaiters(): void {
    let room = this.options.capacity - this.depth;
    while (room-- > 0 && this.waiters.length > 0) {
      const waiter = this.waiters.shift()!;
      clearTimeout(waiter.timer);
      waiter.resolve();
    }
  }

  private retryDelay(): number {
    return Math.min(this.options.maxRetryDelayMs, 50 * 2 ** Math.min(this.failures - 1, 16));
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
