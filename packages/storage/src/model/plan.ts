import { dailyField, generationTag, isSnowflake, keys, TOTAL_FIELD } from './keys';
import { ALL_TIME } from './time';
import type { StoredPiece, WriteContext } from './types';

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
  | readonly ['xadd', string, number, readonly string[]]
  /** Appends the fields of the plan's previous `xadd` to another stream (the same audit entry twice). */
  | readonly ['xsame', string, number];

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
  /**
   * Appends this write's audit record to the guild's stream: its type, the event id, when (ctx.now), who
   * (ctx.actor), why (ctx.reason, when given) and what it changed.
   */
  audit(
    guildId: string,
    type: string,
    ctx: WriteContext,
    change: { readonly before?: unknown; readonly after?: unknown; readonly userId?: string },
  ): this {
    const { userId: named, ...what } = change;
    // The member whose time it is: named, or the `userId` of the record changed.
    const userId = named ?? userIdOf(what.after) ?? userIdOf(what.before);
    const entry: AuditEntry = {
      type,
      eventId: ctx.eventId,
      at: ctx.now,
      actor: ctx.actor,
      ...(userId === undefined ? {} : { userId }),
      ...(ctx.reason === undefined ? {} : { reason: ctx.reason }),
      ...what,
    };
    const fields: string[] = [];
    for (const [name, value] of Object.entries(entry)) {
      if (value !== undefined) fields.push(name, typeof value === 'string' ? value : JSON.stringify(value));
    }
    this.op(['xadd', keys.audit(guildId), AUDIT_MAX_LEN, fields]);
    // The member's own trail: the same entry, so a member's history is read without filtering the guild's.
    if (userId !== undefined && isSnowflake(userId)) {
      this.op(['xsame', keys.userAudit(guildId, userId), AUDIT_MAX_LEN]);
    }
    return this;
  }

  /**
   * Appends this write's guards and operations to the apply script's argument (scripts.ts), read by
   * position in Lua: the number of guards, four values per guard (kind, key, field, expected) and then
   * each operation as its name, its key and its own arguments (`xadd` adds the count of its fields;
   * `xsame` has none but the stream's length).
   * Keys are passed as KEYS (never built inside Lua) so the script declares everything it touches, as
   * Redis Cluster requires; `ref` gives a key's index there. One flat array of strings decodes into one
   * Lua table, and one argument keeps ioredis from building the command out of a hundred small strings.
   */
  encode(argv: string[], ref: (key: string) => string): void {
    argv.push(String(this.guards.length));
    for (const guard of this.guards) {
      switch (guard.kind) {
        case 'hget':
          // Upper case: the field must be missing (null); lower case: it must hold the value.
          if (guard.value === null) argv.push('H', ref(guard.key), guard.field, '');
          else argv.push('h', ref(guard.key), guard.field, guard.value);
          break;
        case 'get':
          if (guard.value === null) argv.push('G', ref(guard.key), '', '');
          else argv.push('g', ref(guard.key), '', guard.value);
          break;
        case 'sismember':
          argv.push('s', ref(guard.key), guard.member, guard.value ? '1' : '0');
          break;
      }
    }
    for (const op of this.ops) {
      switch (op[0]) {
        case 'hset':
          argv.push('hset', ref(op[1]), op[2], op[3]);
          break;
        case 'hincr':
          argv.push('hincr', ref(op[1]), op[2], String(op[3]));
          break;
        case 'zincr':
          argv.push('zincr', ref(op[1]), op[2], String(op[3]), ref(op[4]), String(op[5]));
          break;
        case 'zadd':
          argv.push('zadd', ref(op[1]), String(op[2]), op[3]);
          break;
        case 'xadd':
          argv.push('xadd', ref(op[1]), String(op[2]), String(op[3].length), ...op[3]);
          break;
        case 'xsame':
          argv.push('xsame', ref(op[1]), String(op[2]));
          break;
        case 'set':
        case 'hdel':
        case 'zrem':
        case 'sadd':
        case 'srem':
          argv.push(op[0], ref(op[1]), op[2]);
          break;
        case 'del':
          argv.push('del', ref(op[1]));
          break;
      }
    }
  }
}

function userIdOf(record: unknown): string | undefined {
  const userId = (record as { userId?: unknown } | null | undefined)?.userId;
  return typeof userId === 'string' ? userId : undefined;
}

export interface AuditEntry {
  readonly type: string;
  readonly eventId: string;
  readonly at: number;
  readonly actor: string;
  /** The member whose time changed, when there is one. */
  readonly userId?: string;
  readonly reason?: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

/**
 * Deltas of every aggregate a session feeds, summed per key and field before they become operations,
 * so an edit (old pieces out, new pieces in) moves each aggregate by exactly the net difference.
 * Zone-dependent aggregates (daily rollups, day/week/month/year boards) are keyed by the settings'
 * period generation; every change also bumps the member's revision (the rebuild's guard).
 */
export class AggregateDelta {
  private readonly hashes = new Map<string, Map<string, number>>();
  private readonly boards = new Map<string, Map<string, number>>();
  private readonly reachedKeys = new Map<string, string>();

  constructor(
    private readonly guildId: string,
    private readonly at: number,
    private readonly generation = 0,
  ) {}

  /** Adds (sign 1) or removes (sign −1) one session's credits. */
  session(userId: string, category: string, pieces: readonly StoredPiece[], sign: 1 | -1): this {
    const g = this.guildId;
    let total = 0;
    for (const [day, week, month, ms] of pieces) {
      const d = sign * ms;
      total += ms;
      for (const key of [keys.userDaily(g, userId), keys.guildDaily(g)]) {
        this.add(this.hashes, key, dailyField(day, undefined, this.generation), d);
        this.add(this.hashes, key, dailyField(day, category, this.generation), d);
      }
      for (const period of [`d${day}`, week, month, `y${day.slice(0, 4)}`]) {
        const tagged = generationTag(this.generation, period);
        this.board(tagged, TOTAL_FIELD, userId, d);
        this.board(tagged, category, userId, d);
      }
    }
    // Every change to a member's sessions, even one without credit, moves their revision: the rebuild
    // and the overlap check (corrections.ts `checkApart`) guard on it.
    this.add(this.hashes, keys.memberRevs(g), userId, 1);
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
