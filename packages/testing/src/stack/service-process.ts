import { spawn, type ChildProcess } from 'node:child_process';
import { SERVICE_NODE_FLAGS, isServiceName } from '@timekeeper/contracts';

const live = new Set<ServiceProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // However the test run ends, no service process outlives it.
  process.once('exit', () => {
    for (const service of live) service.killSync();
  });
}

/** The service never became ready (or exited first); the message carries its last log lines. */
export class ServiceStartError extends Error {
  override readonly name = 'ServiceStartError';
}

export interface ServiceExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface ServiceProcessOptions {
  /** Service name, e.g. "gateway". */
  readonly name: string;
  /** Unique within a stack, e.g. "gateway-b"; used as INSTANCE_ID. */
  readonly label: string;
  /** Script run with `node` (and the service's node flags, SERVICE_NODE_FLAGS). */
  readonly entry: string;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  readonly httpPort: number;
}

/** How many log lines a failure message quotes. */
const QUOTED_LINES = 40;

/**
 * One service running as a real process (`node services/<name>/dist/main.js`), with its output kept for
 * failure messages. Port and environment survive stop / kill / restart.
 */
export class ServiceProcess {
  private child: ChildProcess | undefined;
  private exitPromise: Promise<ServiceExit> | undefined;
  private output = '';
  private readonly history: string[] = [];

  constructor(readonly options: ServiceProcessOptions) {
    live.add(this);
    installExitHook();
  }

  get name(): string {
    return this.options.name;
  }

  get label(): string {
    return this.options.label;
  }

  get httpPort(): number {
    return this.options.httpPort;
  }

  get url(): string {
    return `http://127.0.0.1:${this.options.httpPort}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Everything the process printed since it was last started. */
  get logs(): string {
    return this.output;
  }

  /** Output of earlier runs of this service (before restarts), oldest first. */
  get previousLogs(): readonly string[] {
    return this.history;
  }

  /** The JSON log lines (pino) since the last start; other lines are skipped. */
  logRecords(): Record<string, unknown>[] {
    const records: Record<string, unknown>[] = [];
    for (const line of this.output.split('\n')) {
      if (!line.startsWith('{')) continue;
      try {
        records.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        // a partial line; skip it
      }
    }
    return records;
  }

  /** The last lines of output, for assertion messages. */
  describe(lines = QUOTED_LINES): string {
    const tail = this.output.trimEnd().split('\n').slice(-lines).join('\n');
    return `--- ${this.label} (pid ${this.pid ?? '-'}) last ${lines} lines ---\n${tail}`;
  }

  /** Starts the process (no-op while running); does not wait for readiness. */
  spawn(): void {
    if (this.running) return;
    if (this.output) this.history.push(this.output);
    this.output = '';
    const flags = isServiceName(this.options.name) ? SERVICE_NODE_FLAGS[this.options.name] : [];
    const child = spawn(process.execPath, [...flags, this.options.entry], {
      cwd: this.options.cwd,
      env: { ...this.options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const append = (chunk: Buffer): void => void (this.output += chunk.toString());
    child.stdout?.on('data', append);
    child.stderr?.on('data', append);
    this.exitPromise = new Promise((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
  }

  /** Resolves with how the current process ended. */
  exited(): Promise<ServiceExit> {
    if (!this.exitPromise) return Promise.resolve({ code: null, signal: null });
    return this.exitPromise;
  }

  /** Polls GET /readyz until 200; throws ServiceStartError if the process exits or time runs out. */
  async waitReady(timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = 'no answer';
    while (Date.now() < deadline) {
      if (!this.running) {
        const exit = await this.exited();
        throw new ServiceStartError(
          `${this.label} exited (code ${exit.code}, signal ${exit.signal}) before it was ready\n${this.describe()}`,
        );
      }
      try {
        const response = await fetch(`${this.url}/readyz`);
        if (response.ok) return;
        last = `${response.status} ${await response.text()}`;
      } catch (error) {
        last = (error as Error).message;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new ServiceStartError(
      `${this.label} not ready after ${timeoutMs} ms (last: ${last})\n${this.describe()}`,
    );
  }

  /** Graceful stop (SIGTERM by default); SIGKILL if it has not exited after `timeoutMs`. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 15_000): Promise<ServiceExit> {
    const child = this.child;
    if (!child || !this.running) return this.exited();
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    const exit = await this.exited();
    clearTimeout(timer);
    return exit;
  }

  /** Hard kill, as a crash or an OOM kill would. */
  kill(): Promise<ServiceExit> {
    return this.stop('SIGKILL');
  }

  /** Stops (or kills) and starts again with the same port and environment, then waits for readiness. */
  async restart(options: { kill?: boolean; readyTimeoutMs?: number } = {}): Promise<void> {
    await (options.kill ? this.kill() : this.stop());
    this.spawn();
    await this.waitReady(options.readyTimeoutMs);
  }

  /** The Prometheus text of GET /metrics. */
  async metrics(): Promise<string> {
    const response = await fetch(`${this.url}/metrics`);
    return response.text();
  }

  /** Stops the process and forgets it. */
  async dispose(): Promise<void> {
    await this.stop();
    live.delete(this);
  }

  killSync(): void {
    if (this.running) this.child?.kill('SIGKILL');
  }
}

/** The value of one sample in Prometheus text, e.g. metricValue(text, 'x_total{a="b"}'); 0 when absent. */
export function metricValue(text: string, series: string): number {
  const [name, labels] = series.includes('{')
    ? [series.slice(0, series.indexOf('{')), series.slice(series.indexOf('{') + 1, -1)]
    : [series, ''];
  const wanted = labels ? labels.split(',') : [];
  let total = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = (match[2] ?? '').split(',');
    if (wanted.every((label) => present.includes(label))) total += Number(match[3]);
  }
  return total;
}
