/**
 * Shard sessions for @discordjs/ws, kept in memory and written behind to Redis.
 *
 * The library reads and writes the session on every dispatch; answering from memory keeps Redis off the
 * hot path. What Redis gets is the sequence a successor process should RESUME from: the latest one,
 * except that while interactions are still being answered it stays just below the oldest of them, so a
 * crash mid-answer makes the RESUME replay that interaction instead of losing it. (Replayed interactions
 * that were already answered are skipped by the shard runner.) Writes are coalesced: at most one per
 * shard every `writeIntervalMs` (a later sequence only makes a RESUME replay a little more), except
 * that a new or ended session is written at once.
 */
import type { SessionInfo } from '@discordjs/ws';
import type { GatewaySessionStore } from '@timekeeper/storage/gateway';
import type { Logger } from 'pino';

interface ShardState {
  session: SessionInfo | null;
  /** Whether memory holds what Redis had (or newer), so Redis need not be read again. */
  loaded: boolean;
  /** Sequences of interactions received on this shard and not answered yet. */
  readonly inFlight: Set<number>;
  /** A write is running; `dirty` asks for one more after it. */
  writing: Promise<void> | null;
  dirty: boolean;
}

export const DEFAULT_SESSION_WRITE_INTERVAL_MS = 100;

export class ShardSessionCache {
  private readonly shards = new Map<number, ShardState>();
  private frozen = false;

  constructor(
    private readonly store: GatewaySessionStore,
    private readonly logger: Logger,
    private readonly writeIntervalMs: number = DEFAULT_SESSION_WRITE_INTERVAL_MS,
  ) {}

  async retrieve(shardId: number): Promise<SessionInfo | null> {
    const state = this.state(shardId);
    if (!state.loaded) {
      try {
        const stored = await this.store.get(shardId);
        // A write may have happened while Redis was being read; memory wins then.
        if (!state.loaded) state.session = stored ? { ...stored } : null;
        state.loaded = true;
      } catch (error) {
        this.logger.warn({ err: error, shardId }, 'could not read the stored session; identifying instead');
        return null;
      }
    }
    return state.session;
  }

  update(shardId: number, session: SessionInfo | null): void {
    // During shutdown the library clears sessions as it closes sockets; the stored ones must survive so
    // the next process resumes.
    if (this.frozen) return;
    const state = this.state(shardId);
    state.loaded = true;
    if (session && state.session && session.sessionId === state.session.sessionId) {
      // Dispatches are handled concurrently; never move the sequence backwards.
      state.session = { ...session, sequence: Math.max(session.sequence, state.session.sequence) };
      this.persist(shardId, state, this.writeIntervalMs);
    } else {
      state.session = session;
      if (!session) state.inFlight.clear();
      this.persist(shardId, state, 0);
    }
  }

  /** An interaction with this sequence number arrived on the shard and is being answered. */
  begin(shardId: number, sequence: number): void {
    this.state(shardId).inFlight.add(sequence);
  }

  /** Its first answer went out (or never will): the stored sequence may move past it. */
  end(shardId: number, sequence: number): void {
    const state = this.state(shardId);
    if (state.inFlight.delete(sequence)) this.persist(shardId, state, this.writeIntervalMs);
  }

  /** Stops accepting changes (shutdown) and waits until what is in memory is stored. */
  async freeze(): Promise<void> {
    this.frozen = true;
    await this.flush();
  }

  async flush(): Promise<void> {
    for (const state of this.shards.values()) {
      while (state.writing) await state.writing;
    }
  }

  /** The sequence a successor should resume from. */
  private resumableSequence(state: ShardState): number | null {
    if (!state.session) return null;
    let oldest = Infinity;
    for (const sequence of state.inFlight) oldest = Math.min(oldest, sequence);
    return oldest === Infinity ? state.session.sequence : Math.min(state.session.sequence, oldest - 1);
  }

  /** Writes what memory holds, after `delayMs` (changes meanwhile join the same write). */
  private persist(shardId: number, state: ShardState, delayMs: number): void {
    if (state.writing) {
      state.dirty = true;
      return;
    }
    state.writing = (async () => {
      let wait = delayMs;
      do {
        if (wait > 0 && !this.frozen) await new Promise((resolve) => setTimeout(resolve, wait));
        wait = this.writeIntervalMs;
        state.dirty = false;
        const sequence = this.resumableSequence(state);
        try {
          if (state.session && sequence !== null) await this.store.set({ ...state.session, sequence });
          else await this.store.delete(shardId);
        } catch (error) {
          this.logger.warn({ err: error, shardId }, 'could not store the shard session');
        }
      } while (state.dirty);
      state.writing = null;
    })();
  }

  private state(shardId: number): ShardState {
    let state = this.shards.get(shardId);
    if (!state) {
      state = { session: null, loaded: false, inFlight: new Set(), writing: null, dirty: false };
      this.shards.set(shardId, state);
    }
    return state;
  }
}
