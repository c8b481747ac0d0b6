import { dailyField, keys, TOTAL_FIELD } from './keys';
import { ALL_TIME } from './time';
import type { StoredPiece } from './types';

/**
 * A write as data: guards (what the caller read must still hold) and operations, applied by one Lua
 * script (scripts.ts) atomically. Business decisions are made here in TypeScript and unit-tested; the
 * script only checks the guards, applies, and records the outcome under the event id.
 */
export type Guard =
  | { readonly kind: 'hget'; readonly key: string; readonly field: string; readonly value: string | null }
  | { readonly kind: 'get'; readonly key: string; readonly value: string | null }
  | { readonly kind: 'sismember'; readonly key: string; readonly member: string; readonly value: boolean };

export type Op =
  | readonly ['hset', string, string, string]
  | readonly ['hdel', string, string]
  | readonly ['hincr', string, string, number]
  | readonly ['zincr', string, string, number, string, number]
  | readonly ['zadd', string, number, string]
  | readonly ['zrem', string, string]
  | readonly ['set', string, string]
  | readonly ['del', string]
  | readonly ['sadd', string, string]
  | readonly ['srem', string, string]
  | readonly ['xadd', string, number, readonly string[]];

export const AUDIT_MAX_LEN = 10_000;

export class TxPlan {
  readonly guards: Guard[] = [];
  readonly ops: Op[] = [];

  guardHash(key: string, field: string, value: string | null): this {
    this.guards.push({ kind: 'hget', key, field, value });
    return this;
  }
  guardString(key: string, value: string | null): this {
    this.guards.push({ kind: 'get', key, value });
    return this;
  }
  guardMember(key: string, member: string, value: boolean): this {
    this.guards.push({ kind: 'sismember', key, member, value });
    return this;
  }
  /** The same guards with no operations: a rejection must still be checked, but must change nothing. */
  guardsOnly(): TxPlan {
    const plan = new TxPlan();
    plan.guards.push(...this.guards);
    return plan;
  }
  op(op: Op): this {
    this.ops.push(op);
    return this;
  }
  audit(key: string, entry: AuditEntry): this {
    const fields: string[] = [];
    for (const [name, value] of Object.entries(entry)) {
      if (value !== undefined) fields.push(name, typeof value === 'string' ? value : JSON.stringify(value));
    }
    return this.op(['xadd', key, AUDIT_MAX_LEN, fields]);
  }

  /**
   * KEYS and ARGV for the apply script. Keys are passed as KEYS (never built inside Lua) so the script
   * declares everything it touches, as Redis Cluster requires; the spec refers to them by index.
   */
  toScript(eventKey: string, outcome: string, ttlMs: number): { keys: string[]; argv: string[] } {
    const index = new Map<string, number>([[eventKey, 1]]);
    const ref = (key: string): number => {
      let i = index.get(key);
      if (i === undefined) {
        i = index.size + 1;
        index.set(key, i);
      }
      return i;
    };
    const g = this.guards.map((guard) => {
      switch (guard.kind) {
        case 'hget':
          return ['hget', ref(guard.key), guard.field, guard.value ?? false];
        case 'get':
          return ['get', ref(guard.key), '', guard.value ?? false];
        case 'sismember':
          return ['sismember', ref(guard.key), guard.member, guard.value ? '1' : '0'];
      }
    });
    const o = this.ops.map((op) => {
      switch (op[0]) {
        case 'zincr':
          return ['zincr', ref(op[1]), op[2], String(op[3]), ref(op[4]), String(op[5])];
        case 'xadd':
          return ['xadd', ref(op[1]), String(op[2]), ...op[3]];
        case 'zadd':
          return ['zadd', ref(op[1]), String(op[2]), op[3]];
        default:
          return [op[0], ref(op[1]), ...op.slice(2).map(String)];
      }
    });
    return { keys: [...index.keys()], argv: [JSON.stringify({ g, o, r: outcome, t: ttlMs })] };
  }
}

export interface AuditEntry {
  readonly type: string;
  readonly eventId: string;
  readonly at: number;
  readonly actor: string;
  readonly reason?: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

/**
 * Deltas of every aggregate a session feeds, summed per key and field before they become operations,
 * so an edit (old pieces out, new pieces in) moves each aggregate by exactly the net difference.
 */
export class AggregateDelta {
  private readonly hashes = new Map<string, Map<string, number>>();
  private readonly boards = new Map<string, Map<string, number>>();
  private readonly reachedKeys = new Map<string, string>();

  constructor(
    private readonly guildId: string,
    private readonly at: number,
  ) {}

  /** Adds (sign 1) or removes (sign −1) one session's credits. */
  session(userId: string, category: string, pieces: readonly StoredPiece[], sign: 1 | -1): this {
    const g = this.guildId;
    let total = 0;
    for (const [day, week, month, ms] of pieces) {
      const d = sign * ms;
      total += ms;
      for (const key of [keys.userDaily(g, userId), keys.guildDaily(g)]) {
        this.add(this.hashes, key, dailyField(day), d);
        this.add(this.hashes, key, dailyField(day, category), d);
      }
      for (const period of [week, month]) {
        this.board(period, TOTAL_FIELD, userId, d);
        this.board(period, category, userId, d);
      }
    }
    if (pieces.length === 0) return this;
    const d = sign * total;
    this.board(ALL_TIME, TOTAL_FIELD, userId, d);
    this.board(ALL_TIME, category, userId, d);
    for (const key of [keys.userTotals(g, userId), keys.guildTotals(g)]) {
      this.add(this.hashes, key, TOTAL_FIELD, d);
      this.add(this.hashes, key, category, d);
    }
    return this;
  }

  /** Appends the non-zero deltas to a plan. */
  into(plan: TxPlan): TxPlan {
    for (const [key, fields] of this.hashes) {
      for (const [field, delta] of fields) if (delta !== 0) plan.op(['hincr', key, field, delta]);
    }
    for (const [key, members] of this.boards) {
      for (const [member, delta] of members) {
        if (delta !== 0) plan.op(['zincr', key, member, delta, this.reachedKeys.get(key) ?? '', this.at]);
      }
    }
    return plan;
  }

  private board(period: string, category: string, userId: string, delta: number): void {
    const key = keys.leaderboard(this.guildId, period, category);
    if (!this.reachedKeys.has(key)) {
      this.reachedKeys.set(key, keys.leaderboardReached(this.guildId, period, category));
    }
    this.add(this.boards, key, userId, delta);
  }

  private add(map: Map<string, Map<string, number>>, key: string, field: string, delta: number): void {
    let fields = map.get(key);
    if (!fields) map.set(key, (fields = new Map()));
    fields.set(field, (fields.get(field) ?? 0) + delta);
  }
}
