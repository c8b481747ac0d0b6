import type { Redis } from 'ioredis';
import { gatewayKeys } from '../model/keys';

/** An interaction token lives 15 minutes; after that nobody can answer it, so the marker can go. */
export const ANSWERED_MARKER_TTL_MS = 15 * 60 * 1000;

/** How long `markSoon` may hold a marker before writing it. */
export const DEFAULT_MARK_DELAY_MS = 5;

/**
 * Which interactions already got their first answer. A RESUME replays every dispatch after the stored
 * sequence, including ones a previous process answered just before it died; those are skipped.
 *
 * `markSoon` holds markers for at most a few ms so that they leave in the same write as other commands
 * (`flush` from the hot path inside `inOneWrite`, e.g. together with the next interaction's rate-limit
 * check): one Redis write per interaction instead of two. The price is that a kill -9
 * in those few ms after an answer makes a RESUME replay it once more, the same trade `mark` already makes
 * for its round trip (Discord refuses the second answer; the user sees one).
 */
export class AnsweredInteractions {
  private pending: string[] = [];
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly redis: Redis,
    private readonly options: {
      readonly markDelayMs?: number;
      readonly onError?: (error: unknown) => void;
    } = {},
  ) {}

  async mark(interactionId: string): Promise<void> {
    await this.redis.set(gatewayKeys.answered(interactionId), '1', 'PX', ANSWERED_MARKER_TTL_MS);
  }

  /** Remembers the interaction within `markDelayMs`, or sooner when `flush` is called. Never rejects. */
  markSoon(interactionId: string): void {
    try {
      gatewayKeys.answered(interactionId); // refuse a bad id now, not in the batch
    } catch (error) {
      this.options.onError?.(error);
      return;
    }
    this.pending.push(interactionId);
    this.timer ??= setTimeout(() => void this.flush(), this.options.markDelayMs ?? DEFAULT_MARK_DELAY_MS);
  }

  /**
   * Sends the held markers now (sent synchronously, so they join whatever else this tick sends) and
   * resolves once every marker sent so far is stored or has failed (failures go to `onError`).
   */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.pending.length > 0) {
      const ids = this.pending;
      this.pending = [];
      const writes = ids.map((id) =>
        this.redis.set(gatewayKeys.answered(id), '1', 'PX', ANSWERED_MARKER_TTL_MS).then(
          () => undefined,
          (error: unknown) => this.options.onError?.(error),
        ),
      );
      this.writing = Promise.all([this.writing, ...writes]).then(() => undefined);
    }
    return this.writing;
  }

  async has(interactionId: string): Promise<boolean> {
    return (await this.redis.exists(gatewayKeys.answered(interactionId))) === 1;
  }
}
