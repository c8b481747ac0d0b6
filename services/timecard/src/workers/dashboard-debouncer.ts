/**
 * Coalesces bursts per key: the first trigger schedules a run after `settleMs`; triggers while one is
 * scheduled join it; a trigger during a run schedules exactly one more. Runs of one key are at least
 * `intervalMs` apart, so a busy guild's dashboards are edited at most once per interval.
 */
export interface DebouncerOptions {
  readonly intervalMs: number;
  /** Wait after the first trigger so a burst of events becomes one run. */
  readonly settleMs: number;
}

export const DefaultDebouncerOptions: DebouncerOptions = { intervalMs: 5_000, settleMs: 500 };

interface KeyState {
  timer: NodeJS.Timeout | undefined;
  cleanup: NodeJS.Timeout | undefined;
  running: Promise<void> | undefined;
  dirty: boolean;
  lastRunAt: number;
}

export class KeyedDebouncer {
  private readonly keys = new Map<string, KeyState>();
  private stopped = false;

  constructor(
    private readonly run: (key: string) => Promise<void>,
    private readonly options: DebouncerOptions = DefaultDebouncerOptions,
    private readonly now: () => number = Date.now,
  ) {}

  trigger(key: string): void {
    if (this.stopped) return;
    let state = this.keys.get(key);
    if (!state) {
      state = {
        timer: undefined,
        cleanup: undefined,
        running: undefined,
        dirty: false,
        lastRunAt: -Infinity,
      };
      this.keys.set(key, state);
    }
    if (state.running) {
      state.dirty = true;
      return;
    }
    if (state.timer) return;
    this.schedule(key, state);
  }

  /** Keys with a run scheduled or in progress. */
  get pending(): number {
    let count = 0;
    for (const state of this.keys.values()) if (state.timer || state.running) count++;
    return count;
  }

  /** Cancels scheduled runs and waits for the ones in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    const running: Promise<void>[] = [];
    for (const state of this.keys.values()) {
      clearTimeout(state.timer);
      clearTimeout(state.cleanup);
      state.timer = undefined;
      if (state.running) running.push(state.running);
    }
    await Promise.allSettled(running);
  }

  private schedule(key: string, state: KeyState): void {
    const wait = Math.max(this.options.settleMs, state.lastRunAt + this.options.intervalMs - this.now());
    state.timer = setTimeout(() => {
      state.timer = undefined;
      state.lastRunAt = this.now();
      state.running = this.run(key)
        .catch(() => undefined)
        .finally(() => {
          state.running = undefined;
          if (state.dirty && !this.stopped) {
            state.dirty = false;
            this.schedule(key, state);
          } else {
            // Forget an idle key once its interval has passed (until then it must remember lastRunAt).
            clearTimeout(state.cleanup);
            state.cleanup = setTimeout(() => {
              if (!state.timer && !state.running) this.keys.delete(key);
            }, this.options.intervalMs);
            state.cleanup.unref?.();
          }
        });
    }, wait);
    state.timer.unref?.();
  }
}
