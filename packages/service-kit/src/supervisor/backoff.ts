export interface BackoffOptions {
  /** Delay before the first restart after a crash. */
  readonly initialDelayMs: number;
  /** Upper bound of the delay. */
  readonly maxDelayMs: number;
  /** A child that ran at least this long before crashing starts the schedule over. */
  readonly resetAfterMs: number;
}

export const DEFAULT_BACKOFF_OPTIONS: BackoffOptions = {
  initialDelayMs: 500,
  maxDelayMs: 30_000,
  resetAfterMs: 60_000,
};

export interface BackoffState {
  /** Crashes in a row without a long enough run in between. */
  readonly consecutiveCrashes: number;
}

export const INITIAL_BACKOFF_STATE: BackoffState = { consecutiveCrashes: 0 };

/**
 * After a crash: how long to wait before restarting, and the new state. Doubles per crash in a row
 * (500 ms, 1 s, 2 s, … capped), and starts over when the child had stayed up for `resetAfterMs`.
 */
export function nextRestart(
  state: BackoffState,
  uptimeMs: number,
  options: BackoffOptions = DEFAULT_BACKOFF_OPTIONS,
): { delayMs: number; state: BackoffState } {
  const crashes = (uptimeMs >= options.resetAfterMs ? 0 : state.consecutiveCrashes) + 1;
  const delayMs = Math.min(options.maxDelayMs, options.initialDelayMs * 2 ** Math.min(crashes - 1, 30));
  return { delayMs, state: { consecutiveCrashes: crashes } };
}
