import type { TxPlan } from '../model/plan';

/** One planned write for the apply script: its guards and operations, and what to store under its event id. */
export interface PlannedWrite {
  readonly eventKey: string;
  /** The outcome stored under the event id (JSON). */
  readonly outcome: string;
  readonly ttlMs: number;
  readonly plan: TxPlan;
}

/**
 * The script's verdict on one write: `ok` (applied), `replay` + the stored outcome (the event id was
 * processed before; nothing changed) or `stale` + the guard's number (nothing changed; read again).
 */
export type ApplyReply = readonly ['ok' | 'replay' | 'stale', string];

/** The apply script refused one write of a batch as malformed; that write changed nothing. */
export class MalformedWriteError extends Error {}

export interface GroupCommitOptions {
  /** Batches of one lane (one server) on their way to Redis at once. */
  readonly maxInFlight: number;
  /** Most writes in one script call (one call blocks Redis while it runs). */
  readonly maxBatch: number;
}

export const DefaultGroupCommitOptions: GroupCommitOptions = { maxInFlight: 2, maxBatch: 64 };

interface Pending {
  readonly write: PlannedWrite;
  readonly resolve: (reply: ApplyReply) => void;
  readonly reject: (error: unknown) => void;
}

interface Lane {
  readonly queue: Pending[];
  inFlight: number;
  scheduled: boolean;
}

/** Runs the apply script with these KEYS and ARGV and returns its reply. */
export type ApplyRunner = (keys: readonly string[], argv: readonly string[]) => Promise<unknown>;

/**
 * Group commit: the writes of one server (a lane: all its keys share one Redis Cluster slot) that
 * arrive while earlier ones are on their way go to Redis together, in one call of the apply script, so
 * one round trip and one fsync (`appendfsync always`) serve them all. A write that finds its lane idle
 * leaves at once (within the same tick), so a lone write waits for nothing.
 *
 * Each write keeps its own verdict (the script answers per write, in order), so every caller gets its
 * exact outcome; writes of a batch are applied in the order they were queued. A call that fails as a
 * whole (connection lost, timeout) rejects every write of the batch with its error: each may or may not
 * have been applied, and the event id makes a retry or a journal replay safe either way.
 */
export class GroupCommit {
  private readonly lanes = new Map<string, Lane>();
  private readonly options: GroupCommitOptions;

  constructor(
    private readonly run: ApplyRunner,
    options: Partial<GroupCommitOptions> = {},
  ) {
    this.options = { ...DefaultGroupCommitOptions, ...options };
  }

  apply(lane: string, write: PlannedWrite): Promise<ApplyReply> {
    return new Promise((resolve, reject) => {
      let state = this.lanes.get(lane);
      if (!state) this.lanes.set(lane, (state = { queue: [], inFlight: 0, scheduled: false }));
      state.queue.push({ write, resolve, reject });
      this.schedule(lane, state);
    });
  }

  /** Flushes at the end of this tick, so writes queued in the same tick share the call. */
  private schedule(name: string, lane: Lane): void {
    if (lane.scheduled || lane.inFlight >= this.options.maxInFlight) return;
    lane.scheduled = true;
    queueMicrotask(() => {
      lane.scheduled = false;
      this.flush(name, lane);
    });
  }

  private flush(name: string, lane: Lane): void {
    while (lane.inFlight < this.options.maxInFlight && lane.queue.length > 0) {
      const batch = lane.queue.splice(0, this.options.maxBatch);
      lane.inFlight++;
      void this.send(batch).finally(() => {
        lane.inFlight--;
        if (lane.queue.length > 0) this.schedule(name, lane);
        else if (lane.inFlight === 0 && !lane.scheduled) this.lanes.delete(name);
      });
    }
  }

  private async send(batch: readonly Pending[]): Promise<void> {
    let reply: unknown;
    try {
      const { keys, argv } = encodeBatch(batch.map((p) => p.write));
      reply = await this.run(keys, argv);
    } catch (error) {
      for (const p of batch) p.reject(error);
      return;
    }
    const values = reply as string[];
    batch.forEach((p, i) => {
      const status = values[2 * i];
      const payload = values[2 * i + 1] ?? '';
      if (status === 'ok' || status === 'replay' || status === 'stale') p.resolve([status, payload]);
      else
        p.reject(new MalformedWriteError(status === 'error' ? payload : 'apply: no verdict for the write'));
    });
  }
}

/** KEYS and ARGV of one apply-script call (the format is described at APPLY_LUA in scripts.ts). */
export function encodeBatch(writes: readonly PlannedWrite[]): { keys: string[]; argv: string[] } {
  const keys: string[] = [];
  const index = new Map<string, string>();
  const ref = (key: string): string => {
    let i = index.get(key);
    if (i === undefined) {
      i = String(keys.push(key));
      index.set(key, i);
    }
    return i;
  };
  const argv: string[] = [];
  for (const write of writes) {
    const at = argv.length;
    argv.push('', ref(write.eventKey), write.outcome, String(write.ttlMs));
    write.plan.encode(argv, ref);
    argv[at] = String(argv.length - at - 1);
  }
  return { keys, argv: [JSON.stringify(argv)] };
}
