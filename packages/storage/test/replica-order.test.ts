import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Redis } from 'ioredis';
import { NatsServer, RedisServer } from '@timekeeper/testing';
import { keys } from '../src';

/**
 * Two storage replicas in separate processes share Redis and the outage journal. Replica A meets a
 * Redis outage and journals a member's write; Redis comes back and replica B, which saw no outage,
 * gets that member's next write before anything was replayed. B must not apply it ahead of A's
 * journaled write: it journals it behind, and the replay applies both in order.
 */
const G = '100000000000000055';
const IN_OUT = '200000000000000001'; // journaled clock-in, then a clock-out at B
const OUT_IN = '200000000000000002'; // journaled clock-out, then a clock-in at B
const T0 = Date.UTC(2025, 2, 3, 9);
const REGISTER = join(__dirname, '..', '..', 'service-kit', 'test', 'support', 'ts-register.cjs');

class Replica {
  private readonly waiting = new Map<number, (line: { result?: unknown; error?: string }) => void>();
  private next = 1;
  readonly ready: Promise<unknown>;

  constructor(private readonly child: ChildProcess) {
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    this.ready = new Promise((resolve, reject) => {
      this.waiting.set(0, resolve);
      child.once('exit', (code) => reject(new Error(`replica exited (${code}): ${stderr}`)));
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const message = JSON.parse(line) as { id: number; result?: unknown; error?: string };
      this.waiting.get(message.id)?.(message);
      this.waiting.delete(message.id);
    });
  }

  static start(redisUrl: string, natsUrl: string): Replica {
    const entry = join(__dirname, 'support', 'replica.ts');
    const args = ['-r', REGISTER, '--conditions=@timekeeper/source', entry, redisUrl, natsUrl];
    return new Replica(spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'] }));
  }

  async call<T = unknown>(op: string, args: Record<string, string | number> = {}): Promise<T> {
    const id = this.next++;
    const answer = new Promise<{ result?: unknown; error?: string }>((resolve) =>
      this.waiting.set(id, resolve),
    );
    this.child.stdin!.write(`${JSON.stringify({ id, op, args })}\n`);
    const { result, error } = await answer;
    if (error !== undefined) throw new Error(error);
    return result as T;
  }

  async stop(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.stdin!.end();
    await exited;
  }
}

let redis: RedisServer;
let nats: NatsServer;
let a: Replica;
let b: Replica;

beforeAll(async () => {
  [redis, nats] = await Promise.all([RedisServer.start(), NatsServer.start()]);
  a = Replica.start(redis.url, nats.url);
  b = Replica.start(redis.url, nats.url);
  await Promise.all([a.ready, b.ready]);
}, 60_000);
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await Promise.all([redis?.destroy(), nats?.destroy()]);
}, 30_000);

const write = (op: string, userId: string, eventId: string, minutes: number) => ({
  op,
  args: { guildId: G, userId, eventId, now: T0 + minutes * 60_000, category: 'work' },
});

describe('two replicas, one Redis outage', () => {
  it('never applies a newer write for a server ahead of its journaled writes', async () => {
    await a.call('ensureDefaults', { guildId: G, userId: '1', eventId: 'defaults', now: 0 });
    const before = write('clockIn', OUT_IN, 'out-in-1', 0);
    expect(await b.call(before.op, before.args)).toMatchObject({ status: 'applied', outcome: { ok: true } });

    await redis.kill();
    // Replica A meets the outage: both writes go to the journal.
    for (const w of [write('clockIn', IN_OUT, 'in-out-1', 5), write('clockOut', OUT_IN, 'out-in-2', 5)]) {
      expect(await a.call(w.op, w.args)).toMatchObject({ status: 'journaled' });
    }
    await redis.start();
    // Replica B sees Redis as if nothing happened, before A replayed anything.
    for (let i = 0; (await b.call('ping').catch(() => null)) !== 'PONG'; i++) {
      if (i > 100) throw new Error('replica B never reconnected');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const later = [write('clockOut', IN_OUT, 'in-out-2', 65), write('clockIn', OUT_IN, 'out-in-3', 65)];
    for (const w of later) {
      const result = await b.call<{ status: string; outcome?: { ok: boolean; code?: string } }>(w.op, w.args);
      // Applied ahead of A's journaled writes, these would be refused (NOT_CLOCKED_IN, ALREADY_CLOCKED_IN).
      expect(result).toEqual({ status: 'journaled', eventId: w.args.eventId });
    }

    for (const replica of [a, b, a]) await replica.call('recover');
    expect(await a.call('recover')).toEqual({ mode: 'direct', pending: 0 });
    expect(await b.call('recover')).toEqual({ mode: 'direct', pending: 0 });

    const check = new Redis(redis.url);
    try {
      const outcomes = await check.mget(
        ...['in-out-1', 'in-out-2', 'out-in-2', 'out-in-3'].map((id) => keys.processedEvent(G, id)),
      );
      expect(
        outcomes.map((o) => (o ? (JSON.parse(o) as { outcome: { ok: boolean } }).outcome.ok : null)),
      ).toEqual([true, true, true, true]);
      // IN_OUT worked 09:05–10:05 and is clocked out; OUT_IN worked 09:00–09:05 and is clocked in again.
      const active = await check.hgetall(keys.activeSessions(G));
      expect(Object.keys(active)).toEqual([OUT_IN]);
      expect(await check.zcard(keys.guildSessions(G))).toBe(2);
    } finally {
      await check.quit();
    }
  }, 90_000);
});
