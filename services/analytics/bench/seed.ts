/**
 * A seeded generator of a large server and its fast loader. Every session is turned into the exact
 * operations storage's clock-out writes (`recordClosed`: the session, its indexes, the member's last
 * end, the rollups and the boards with their reach times); the operations of a batch of members are
 * folded (sums for counters, the last value for sets, the last write's instant for reach times) and sent
 * as a few variadic commands per key in pipelines. The result is the state the same clock-outs made one
 * by one would leave, without the audit trail (a test compares the two).
 */
import {
  recordClosed,
  splitByLocalDay,
  TxPlan,
  type CompletedSession,
  type GuildSettings,
  type Op,
  type Storage,
} from '@timekeeper/storage';

type Redis = Storage['redis'];

const DAY = 86_400_000;
const MINUTE = 60_000;
const CATEGORIES = ['work', 'work', 'work', 'work', 'work', 'work', 'work', 'meeting', 'meeting', 'break'];

/** mulberry32: a small seeded PRNG, so every run generates the same server. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface ServerShape {
  readonly guildId: string;
  readonly members: number;
  readonly sessions: number;
  /** Sessions end before this instant; the history starts `days` before it. */
  readonly until: number;
  readonly days: number;
  readonly seed: number;
}

export const memberId = (i: number): string => String(500000000000000000n + BigInt(i));

/** Member 0 works (almost) every day of the whole history: the member with the longest insights. */
export const HISTORY_MEMBER = memberId(0);

/** How many sessions each member gets: member 0 about two a day, the rest by a skewed weight. */
export function sessionCounts(shape: ServerShape): number[] {
  const rand = random(shape.seed);
  const heavy = Math.min(shape.sessions, Math.round(shape.days * 1.6));
  const weights = Array.from({ length: shape.members - 1 }, () => 0.2 + rand() ** 2 * 3);
  const total = weights.reduce((a, b) => a + b, 0);
  const rest = shape.sessions - heavy;
  const counts = [heavy, ...weights.map((w) => Math.floor((rest * w) / total))];
  // Hand out what flooring left over, one each, so the total is exact.
  for (let i = 1, left = shape.sessions - counts.reduce((a, b) => a + b, 0); left > 0; i++, left--) {
    counts[1 + ((i - 1) % (shape.members - 1))]! += 1;
  }
  return counts;
}

/** One member's sessions in time order, without overlaps, inside the history. */
export function memberSessions(
  shape: ServerShape,
  index: number,
  count: number,
  settings: Pick<GuildSettings, 'timeZone' | 'weekStart' | 'periodGeneration'>,
): CompletedSession[] {
  const rand = random(shape.seed * 7_919 + index + 1);
  const userId = memberId(index);
  const first = shape.until - shape.days * DAY;
  const starts = Array.from(
    { length: count },
    () => first + Math.floor(rand() * shape.days) * DAY + (6 * 60 + Math.floor(rand() * 12 * 60)) * MINUTE,
  ).sort((a, b) => a - b);
  const out: CompletedSession[] = [];
  let free = first;
  for (let k = 0; k < starts.length; k++) {
    const start = Math.max(starts[k]!, free);
    const end = Math.min(start + (15 + Math.floor(rand() * 225)) * MINUTE, shape.until - 1);
    if (end <= start) break;
    free = end + MINUTE;
    out.push({
      id: `s${index.toString(36)}-${k.toString(36)}`,
      guildId: shape.guildId,
      userId,
      category: CATEGORIES[Math.floor(rand() * CATEGORIES.length)]!,
      start,
      source: 'command',
      end,
      durationMs: end - start,
      flags: { forced: false, autoClosed: false, edited: false, needsReview: false },
      pieces: splitByLocalDay(start, end, settings.timeZone, settings.weekStart),
      rev: 0,
      periodGeneration: settings.periodGeneration,
    });
  }
  return out;
}

/** The folded state of many writes: what they leave behind, key by key. */
export class FoldedWrites {
  private readonly strings = new Map<string, string>();
  private readonly hashes = new Map<string, Map<string, string>>();
  private readonly counters = new Map<string, Map<string, number>>();
  private readonly sorted = new Map<string, Map<string, number>>();
  /** sorted set key → members whose score is a sum (boards) */
  private readonly sums = new Set<string>();

  /** Folds one write's operations in (writes must come in the order storage would apply them). */
  add(ops: readonly Op[]): void {
    for (const op of ops) {
      switch (op[0]) {
        case 'set':
          this.strings.set(op[1], op[2]);
          break;
        case 'hset':
          this.field(this.hashes, op[1]).set(op[2], op[3]);
          break;
        case 'hincr': {
          const m = this.field(this.counters, op[1]);
          m.set(op[2], (m.get(op[2]) ?? 0) + op[3]);
          break;
        }
        case 'zadd':
          this.field(this.sorted, op[1]).set(op[3], op[2]);
          break;
        case 'zincr': {
          const m = this.field(this.sorted, op[1]);
          m.set(op[2], (m.get(op[2]) ?? 0) + op[3]);
          this.sums.add(op[1]);
          this.field(this.hashes, op[4]).set(op[2], String(op[5]));
          break;
        }
        // A member's first close has no active session or long-session entry to remove.
        case 'hdel':
        case 'zrem':
          if (this.hashes.get(op[1])?.has(op[2]) || this.sorted.get(op[1])?.has(op[2])) {
            throw new Error(`the loader cannot fold a removal of something it wrote (${op[1]})`);
          }
          break;
        default:
          throw new Error(`the loader does not fold ${op[0]} operations`);
      }
    }
  }

  /**
   * Sends everything folded so far and forgets it. Counters are added (HINCRBY), so batches may share
   * a counter key; everything else must belong to one batch (member keys, or fields of one member).
   */
  async flush(redis: Redis, perPipeline = 2_000): Promise<number> {
    const commands: (string | number)[][] = [];
    const chunked = <T>(list: T[], size: number): T[][] =>
      Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));
    for (const part of chunked([...this.strings], 500)) commands.push(['mset', ...part.flat()]);
    for (const [key, fields] of this.hashes) {
      for (const part of chunked([...fields], 500)) commands.push(['hset', key, ...part.flat()]);
    }
    for (const [key, fields] of this.counters) {
      for (const [field, delta] of fields) if (delta !== 0) commands.push(['hincrby', key, field, delta]);
    }
    for (const [key, members] of this.sorted) {
      const entries = [...members].filter(([, score]) => !this.sums.has(key) || score > 0);
      for (const part of chunked(entries, 500)) {
        commands.push(['zadd', key, ...part.flatMap(([member, score]) => [score, member])]);
      }
    }
    for (const part of chunked(commands, perPipeline)) {
      const results = await redis.pipeline(part.map(([name, ...args]) => [String(name), ...args])).exec();
      const failed = results?.find(([error]) => error);
      if (failed) throw failed[0]!;
    }
    this.strings.clear();
    this.hashes.clear();
    this.counters.clear();
    this.sorted.clear();
    this.sums.clear();
    return commands.length;
  }

  private field<V>(map: Map<string, Map<string, V>>, key: string): Map<string, V> {
    let m = map.get(key);
    if (!m) map.set(key, (m = new Map()));
    return m;
  }
}

/** The operations storage writes when the session is closed at its end. */
export function closeOps(session: CompletedSession): readonly Op[] {
  const plan = new TxPlan();
  recordClosed(plan, session, session.end);
  return plan.ops;
}

/**
 * Loads the whole server: members in batches, each member's sessions in time order. Returns the
 * number of sessions written. `onBatch` reports progress.
 */
export async function seedServer(
  redis: Redis,
  shape: ServerShape,
  settings: Pick<GuildSettings, 'timeZone' | 'weekStart' | 'periodGeneration'>,
  onBatch: (members: number, sessions: number) => void = () => undefined,
  batchMembers = 250,
  /** Lets a test give the sessions the ids storage minted for the same sessions. */
  adjust: (session: CompletedSession) => CompletedSession = (session) => session,
): Promise<number> {
  const counts = sessionCounts(shape);
  const folded = new FoldedWrites();
  let written = 0;
  for (let first = 0; first < shape.members; first += batchMembers) {
    for (let i = first; i < Math.min(shape.members, first + batchMembers); i++) {
      for (const session of memberSessions(shape, i, counts[i]!, settings)) {
        folded.add(closeOps(adjust(session)));
        written++;
      }
    }
    await folded.flush(redis);
    onBatch(Math.min(shape.members, first + batchMembers), written);
  }
  return written;
}
