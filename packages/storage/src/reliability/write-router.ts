import {
  StorageUnavailableError,
  UnappliedJournalEntryError,
  WriteContentionError,
  isUnavailable,
} from '../errors';
import type { WriteResult } from '../model/outcomes';
import { checkIds } from '../model/validation';
import type { Backend, WriteDone } from '../repo/backend';
import { applyCommand, commandGuild, type StorageCommand } from '../repo/commands';
import { commandFromJournal } from '../repo/journal-commands';
import type { JournalEntry, OutageJournal, ReplayVerdict } from './journal';
import type { JournalMarkers } from './journal-markers';

export type WriteMode = 'direct' | 'journal';

export interface WriteRouterHooks {
  /** A write was applied (directly, or from the journal with `fromJournal`). */
  applied(command: StorageCommand, done: WriteDone<unknown>, fromJournal: boolean): void;
  /** A journaled write can never be applied (e.g. unreadable); it was removed from the journal. */
  replayFailed(entry: JournalEntry, error: unknown): void;
  /** Resolves when Redis answers (through the breaker). */
  ping(): Promise<void>;
}

/** Every call fails as "unreachable": lets a command validate its input without touching Redis. */
const OFFLINE: Backend = {
  call: () => Promise.reject(new StorageUnavailableError('writes are being journaled')),
  apply: () => Promise.reject(new StorageUnavailableError('writes are being journaled')),
  settings: () => Promise.reject(new StorageUnavailableError('writes are being journaled')),
  categories: () => Promise.reject(new StorageUnavailableError('writes are being journaled')),
  forgetLocal: () => undefined,
  activeHint: () => undefined,
  rememberActive: () => undefined,
  eventTtlMs: 1,
  now: () => Date.now(),
};

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends each write to Redis or, while Redis is unreachable, to the outage journal. Once in journal
 * mode every later write of this process is journaled too, until the journal has been replayed, so
 * nothing overtakes an older journaled write (a clock-out never lands before its clock-in). Across
 * replicas the journal markers do the same: a server (guild) with journaled writes is marked, and a
 * replica that finds the mark journals its write and helps replay, instead of writing directly.
 */
export class WriteRouter {
  private currentMode: WriteMode = 'direct';
  private gate: Promise<void> | undefined;
  private appending = 0;
  private timer: NodeJS.Timeout | undefined;
  private recovery: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly backend: Backend,
    private readonly journal: OutageJournal | undefined,
    private readonly markers: JournalMarkers | undefined,
    private readonly hooks: WriteRouterHooks,
    private readonly recoveryIntervalMs: number,
  ) {}

  get mode(): WriteMode {
    return this.currentMode;
  }

  async write(command: StorageCommand): Promise<WriteResult<unknown>> {
    while (this.gate) await this.gate;
    if (this.currentMode === 'journal') return this.toJournal(command);
    if (await this.othersJournaled(command)) {
      this.enterJournalMode();
      return this.toJournal(command);
    }
    try {
      const done = await applyCommand(this.backend, command);
      this.hooks.applied(command, done, false);
      return { status: 'applied', outcome: done.outcome, replayed: done.replayed };
    } catch (error) {
      if (!isUnavailable(error)) throw error;
      if (!this.journal) throw new StorageUnavailableError('Redis is unreachable', { cause: error });
      // The write may or may not have landed; journaling it is safe either way (event-id idempotency).
      this.enterJournalMode();
      return this.append(command);
    }
  }

  /** Switches to journal mode (also used at start when a previous run left journaled writes). */
  enterJournalMode(): void {
    if (!this.journal || this.stopped) return;
    this.currentMode = 'journal';
    this.schedule(0);
  }

  /** Tries to replay the journal now; resolves when this attempt is over (mode says how it went). */
  async recoverNow(): Promise<void> {
    if (this.recovery) return this.recovery;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.recovery = this.recover().finally(() => {
      this.recovery = undefined;
      if (this.currentMode === 'journal') this.schedule(this.recoveryIntervalMs);
    });
    return this.recovery;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.recovery;
  }

  /** Another replica (or an earlier run) holds journaled writes for this command's server. */
  private async othersJournaled(command: StorageCommand): Promise<boolean> {
    const guildId = commandGuild(command);
    // A malformed id cannot have journaled writes; the command refuses it.
    if (!this.markers || checkIds({ guildId }) !== null) return false;
    try {
      return await this.markers.isMarked(guildId);
    } catch (error) {
      throw new StorageUnavailableError('cannot tell whether the server has journaled writes', {
        cause: error,
      });
    }
  }

  private async toJournal(command: StorageCommand): Promise<WriteResult<unknown>> {
    try {
      // Only input validation can answer here; everything valid reaches the journal.
      const done = await applyCommand({ ...OFFLINE, now: () => this.backend.now() }, command);
      return { status: 'applied', outcome: done.outcome, replayed: false };
    } catch (error) {
      if (!isUnavailable(error)) throw error;
      return this.append(command);
    }
  }

  private async append(command: StorageCommand): Promise<WriteResult<unknown>> {
    const journal = this.journal!;
    const guildId = commandGuild(command);
    this.appending++;
    try {
      await this.markers?.mark(guildId);
      await journal.append({ guildId, eventId: command.ctx.eventId, command });
      await this.markers?.confirm(guildId);
      return { status: 'journaled', eventId: command.ctx.eventId };
    } catch (error) {
      throw new StorageUnavailableError('Redis is unreachable and the outage journal refused the write', {
        cause: error,
      });
    } finally {
      this.appending--;
    }
  }

  private schedule(delayMs: number): void {
    if (this.stopped || this.timer || this.recovery) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.recoverNow();
    }, delayMs);
  }

  private async recover(): Promise<void> {
    const journal = this.journal;
    if (!journal || this.stopped) return;
    try {
      await this.hooks.ping();
      if (
        !(await journal.drain(
          (e) => this.replay(e),
          () => undefined,
        ))
      )
        return;
      // Hold new writes, let appends already under way land, replay them, then go direct.
      let release!: () => void;
      this.gate = new Promise((resolve) => (release = resolve));
      try {
        while (this.appending > 0) await sleep(1);
        if (
          await journal.drain(
            (e) => this.replay(e),
            () => undefined,
          )
        ) {
          await this.markers?.clear(async () => (await journal.pending()) === 0);
          this.currentMode = 'direct';
        }
      } finally {
        this.gate = undefined;
        release();
      }
    } catch {
      // Redis or NATS still unreachable: the next attempt is scheduled by recoverNow.
    }
  }

  /**
   * Applies one journaled write. One this version cannot apply — unreadable, or refused as invalid
   * input (this version journals only what it validated, so that is an earlier version's write) — is
   * reported and `failed`: the journal holds it aside, it is never dropped.
   */
  private async replay(entry: JournalEntry): Promise<ReplayVerdict> {
    const id = `${entry.guildId}:${entry.eventId}`;
    const command = commandFromJournal(entry.command);
    if ('unreadable' in command) {
      this.hooks.replayFailed(entry, new UnappliedJournalEntryError(id, command.unreadable));
      return 'failed';
    }
    try {
      const done = await applyCommand(this.backend, command);
      const outcome = done.outcome as { code?: unknown; field?: unknown; message?: unknown };
      if (outcome.code === 'INVALID_INPUT') {
        const reason = `refused: ${String(outcome.field)}: ${String(outcome.message)}`;
        this.hooks.replayFailed(entry, new UnappliedJournalEntryError(id, reason));
        return 'failed';
      }
      this.hooks.applied(command, done, true);
      return 'done';
    } catch (error) {
      if (isUnavailable(error) || error instanceof WriteContentionError) return 'retry';
      this.hooks.replayFailed(entry, error);
      return 'failed';
    }
  }
}
