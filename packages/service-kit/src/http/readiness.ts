/** A dependency check: resolves true (or void) when the dependency works; false or a throw means it does not. */
export type ReadinessCheck = () => boolean | void | Promise<boolean | void>;

export interface ReadinessReport {
  readonly ready: boolean;
  /** Names of the checks that failed. */
  readonly failed: readonly string[];
  readonly checks: Readonly<Record<string, 'ok' | string>>;
}

export const READINESS_CHECK_TIMEOUT_MS = 2000;

/** Runs every check concurrently, each bounded by a timeout so /readyz always answers promptly. */
export async function evaluateReadiness(
  checks: ReadonlyMap<string, ReadinessCheck>,
  timeoutMs = READINESS_CHECK_TIMEOUT_MS,
): Promise<ReadinessReport> {
  const entries = await Promise.all(
    [...checks].map(async ([name, check]): Promise<[string, string]> => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<string>((resolve) => {
        timer = setTimeout(() => resolve(`timed out after ${timeoutMs} ms`), timeoutMs);
      });
      const outcome = (async () => {
        try {
          return (await check()) === false ? 'failed' : 'ok';
        } catch (error) {
          return `failed: ${error instanceof Error ? error.message : String(error)}`;
        }
      })();
      try {
        return [name, await Promise.race([outcome, timeout])];
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  const failed = entries.filter(([, result]) => result !== 'ok').map(([name]) => name);
  return { ready: failed.length === 0, failed, checks: Object.fromEntries(entries) };
}
