import { Redis } from 'ioredis';
import { Registry } from 'prom-client';
import { BatchFlushError, BatchQueueFullError, BatcherClosedError, WriteBatcher, type BatchOp } from '../src';
import { startStorage, stopStorage, GUILD, type Harness } from './fixture';

/** A time inside the window storage accepts (2015 to a day past the server clock). */
const T0 = Date.UTC(2024, 4, 6, 8);

const op = (n: number): BatchOp => ({ cmd: 'hincrby', key: 'k', field: String(n), by: 1 });

describe('WriteBatcher (unit, recording executor)', () => {
  it('flushes by size, high priority first, FIFO within a priority', async () => {
    const batches: BatchOp[][] = [];
    const b = new WriteBatcher(async (ops) => void batches.push([...ops]), new Registry(), {
      batchSize: 4,
      flushIntervalMs: 10_000,
    });
    await b.enqueue(op(1), 'low');
    await b.enqueue(op(2), 'normal');
    await b.enqueue(op(3), 'high');
    await b.enqueue(op(4), 'normal');
    await new Promise((r) => setTimeout(r, 20));
    expect(batches.map((x) => x.map((o) => (o as { field: string }).field))).toEqual([['3', '2', '4', '1']]);
    await b.close();
  });

  it('pushes back when full: enqueue waits, then rejects with a typed error', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const b = new WriteBatcher(() => gate, new Registry(), { capacity: 3, batchSize: 3, enqueueWaitMs: 50 });
    await Promise.all([b.enqueue(op(1)), b.enqueue(op(2)), b.enqueue(op(3))]);
    // The batch is in flight (not done), so the queue still counts against capacity.
    await new Promise((r) => setTimeout(r, 10));
    expect(b.depth).toBe(3);
    await expect(b.enqueue(op(4))).rejects.toBeInstanceOf(BatchQueueFullError);
    const waiting = b.enqueue(op(5));
    release();
    await expect(waiting).resolves.toBeUndefined();
    expect(b.depth).toBe(1);
    await b.close();
  });

  it('keeps failed writes, retries them in order, and flushes everything on close', async () => {
    const written: string[] = [];
    let failuresLeft = 2;
    const b = new WriteBatcher(
      async (ops) => {
        if (failuresLeft-- > 0) throw new Error('Connection is closed.');
        written.push(...ops.map((o) => (o as { field: string }).field));
      },
      new Registry(),
      { batchSize: 2, flushIntervalMs: 5 },
    );
    for (let i = 0; i < 5; i++) await b.enqueue(op(i));
    await b.close();
    expect(written).toEqual(['0', '1', '2', '3', '4']);
    await expect(b.enqueue(op(9))).rejects.toBeInstanceOf(BatcherClosedError);
  });

  it('reports, never drops, writes it cannot flush at shutdown', async () => {
    const b = new WriteBatcher(() => Promise.reject(new Error('down')), new Registry(), {
      flushIntervalMs: 1,
    });
    await b.enqueue(op(1));
    await b.enqueue(op(2));
    const error = await b.close(100).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BatchFlushError);
    expect((error as BatchFlushError).unflushed).toEqual([op(1), op(2)]);
  });
});

describe('usage counters through the batcher (real Redis)', () => {
  let h: Harness | undefined;
  afterAll(() => stopStorage(h));

  it('batches counters and flushes them on shutdown', async () => {
    h = await startStorage({
      usageCounters: 'batched',
      batcher: { flushIntervalMs: 60_000, batchSize: 10_000 },
    });
    const s = h.storage;
    await s.ensureDefaults(GUILD, { eventId: 'd1', now: T0 + 1, actor: '1' });
    for (let i = 0; i < 30; i++) {
      await s.clockIn(
        { guildId: GUILD, userId: '5', category: 'work' },
        { eventId: `i${i}`, now: T0 + 10 * i, actor: '5' },
      );
      await s.clockOut(
        { guildId: GUILD, userId: '5' },
        { eventId: `o${i}`, now: T0 + 10 * i + 5, actor: '5' },
      );
    }
    const redis = new Redis(h.redis.url);
    // The flush interval is a minute: nothing is written yet…
    expect(await redis.hgetall(`tk:{${GUILD}}:stats`)).toEqual({});
    await s.close();
    // …and shutdown wrote every counter.
    expect(await redis.hgetall(`tk:{${GUILD}}:stats`)).toEqual({
      ensureDefaults: '1',
      clockIn: '30',
      clockOut: '30',
    });
    redis.disconnect();
  });
});
