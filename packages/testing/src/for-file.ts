/** jest's hooks, as globals while a test file runs (declared here so the package needs no jest types). */
declare const beforeAll: (fn: () => Promise<void>, timeout?: number) => void;
declare const afterAll: (fn: () => Promise<void>, timeout?: number) => void;

/**
 * One fixture for a whole test file: started before its first test and stopped after its last.
 * Returns a stand-in that forwards to the fixture once it has started, so a test reads `h.driver`
 * as it would with its own `let h` and hooks.
 */
export function forFile<T extends object>(
  start: () => Promise<T>,
  stop: (fixture: T) => Promise<void>,
  timeoutMs = 60_000,
): T {
  let fixture: T | undefined;
  beforeAll(async () => {
    fixture = await start();
  }, timeoutMs);
  afterAll(async () => {
    if (fixture) await stop(fixture);
  }, timeoutMs);
  const started = (): T => {
    if (!fixture)
      throw new Error('the test fixture is used before it has started: use it inside a test or hook');
    return fixture;
  };
  return new Proxy({} as T, {
    get(_, key) {
      const target = started();
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
    set: (_, key, value) => Reflect.set(started(), key, value),
  });
}
