import { spawn, type ChildProcess } from 'node:child_process';
import { CONFIG_ERROR_EXIT_CODE } from '../config/parse-config';
import {
  DEFAULT_BACKOFF_OPTIONS,
  INITIAL_BACKOFF_STATE,
  nextRestart,
  type BackoffOptions,
  type BackoffState,
} from './backoff';
import { LineSplitter, prefixLine } from './output-lines';

export interface ChildSpec {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  /** Answers 200 once the child can do its work (a service's GET /readyz). */
  readonly readyUrl?: string;
  /** Children that must be ready before this one starts (the gateway waits for the services it routes to). */
  readonly startAfter?: readonly string[];
}

export interface SupervisorOptions {
  readonly backoff?: BackoffOptions;
  /** How long children get after SIGTERM before SIGKILL; longer than a service's own 10 s limit. */
  readonly stopTimeoutMs?: number;
  /** Receives every output line, already prefixed. */
  readonly write?: (line: string) => void;
  readonly pretty?: boolean;
  /** Other names printed through `output` (e.g. servers), so the name column fits them too. */
  readonly extraLabels?: readonly string[];
  /** How often readiness is polled. */
  readonly readyPollMs?: number;
  /** The line printed once every child with a readyUrl is ready. */
  readonly readyLine?: string;
}

export const DEFAULT_STOP_TIMEOUT_MS = 12_000;

interface Supervised {
  readonly spec: ChildSpec;
  child: ChildProcess | undefined;
  startedAt: number;
  backoff: BackoffState;
  restartTimer: NodeJS.Timeout | undefined;
  exited: Promise<void>;
  /** Stopped for good (a configuration error); children waiting for it are not started. */
  gaveUp: boolean;
}

/**
 * Keeps a set of child processes running: labels their output, restarts a crashed child after an
 * exponential back-off, and stops them all with SIGTERM then SIGKILL.
 */
export class Supervisor {
  private readonly children = new Map<string, Supervised>();
  private readonly nameWidth: number;
  private stopping = false;
  private readonly backoff: BackoffOptions;
  private readonly stopTimeoutMs: number;
  private readonly write: (line: string) => void;
  private readonly pretty: boolean;

  constructor(
    specs: readonly ChildSpec[],
    private readonly options: SupervisorOptions = {},
  ) {
    this.backoff = options.backoff ?? DEFAULT_BACKOFF_OPTIONS;
    this.stopTimeoutMs = options.stopTimeoutMs ?? DEFAULT_STOP_TIMEOUT_MS;
    this.write = options.write ?? ((line) => process.stdout.write(`${line}\n`));
    this.pretty = options.pretty ?? false;
    this.nameWidth = Math.max(
      ...['supervisor', ...(options.extraLabels ?? []), ...specs.map((spec) => spec.name)].map(
        (name) => name.length,
      ),
    );
    for (const spec of specs) {
      this.children.set(spec.name, {
        spec,
        child: undefined,
        startedAt: 0,
        backoff: INITIAL_BACKOFF_STATE,
        restartTimer: undefined,
        exited: Promise.resolve(),
        gaveUp: false,
      });
    }
  }

  /** Prints a line of the supervisor's own. */
  say(message: string): void {
    this.write(prefixLine('supervisor', message, { nameWidth: this.nameWidth, pretty: false }));
  }

  /** Prints a child-like labelled line (used for servers the supervisor starts itself). */
  output(name: string, line: string): void {
    this.write(prefixLine(name, line, { nameWidth: this.nameWidth, pretty: this.pretty }));
  }

  /**
   * Starts every child; one with `startAfter` only once those are ready. Prints `readyLine` once every
   * child with a readyUrl answers ready.
   */
  start(): void {
    for (const supervised of this.children.values()) {
      if ((supervised.spec.startAfter ?? []).length === 0) this.launch(supervised);
      else void this.launchWhenReady(supervised);
    }
    void this.announceWhenReady();
  }

  private async launchWhenReady(supervised: Supervised): Promise<void> {
    const waitFor = supervised.spec.startAfter ?? [];
    this.say(
      `${supervised.spec.name} starts once ${waitFor.join(', ')} ${waitFor.length === 1 ? 'is' : 'are'} ready`,
    );
    const ready = await this.waitUntilReady(waitFor);
    if (ready && !this.stopping) this.launch(supervised);
  }

  private async announceWhenReady(): Promise<void> {
    const watched = [...this.children.values()].filter((s) => s.spec.readyUrl).map((s) => s.spec.name);
    if (watched.length === 0) return;
    if ((await this.waitUntilReady(watched)) && !this.stopping) {
      this.say(this.options.readyLine ?? `all ${watched.length} services ready`);
    }
  }

  /** Polls until every named child answers ready; false when stopping or one gave up (config error). */
  private async waitUntilReady(names: readonly string[]): Promise<boolean> {
    const pending = new Set(names);
    while (pending.size > 0) {
      if (this.stopping) return false;
      for (const name of pending) {
        const supervised = this.children.get(name);
        if (supervised?.gaveUp) return false;
        if (await isReady(supervised?.spec.readyUrl)) pending.delete(name);
      }
      if (pending.size > 0)
        await new Promise((resolve) => setTimeout(resolve, this.options.readyPollMs ?? 250));
    }
    return true;
  }

  pids(): Record<string, number | undefined> {
    return Object.fromEntries([...this.children].map(([name, supervised]) => [name, supervised.child?.pid]));
  }

  /** SIGTERM every child, wait up to the stop timeout, SIGKILL the rest. */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const supervised of this.children.values()) clearTimeout(supervised.restartTimer);
    const running = [...this.children.values()].filter((supervised) => isRunning(supervised.child));
    for (const supervised of running) supervised.child?.kill('SIGTERM');
    const allExited = Promise.all(running.map((supervised) => supervised.exited));
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>(
      (resolve) => (timer = setTimeout(() => resolve('timeout'), this.stopTimeoutMs)),
    );
    if ((await Promise.race([allExited, timedOut])) === 'timeout') {
      for (const supervised of running) {
        if (isRunning(supervised.child)) {
          this.say(`${supervised.spec.name} did not stop within ${this.stopTimeoutMs} ms; sending SIGKILL`);
          supervised.child?.kill('SIGKILL');
        }
      }
      await allExited;
    }
    clearTimeout(timer);
  }

  private launch(supervised: Supervised): void {
    const { spec } = supervised;
    const child = spawn(spec.command, [...spec.args], {
      env: spec.env ?? process.env,
      cwd: spec.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    supervised.child = child;
    supervised.startedAt = Date.now();
    supervised.exited = new Promise((resolve) => child.once('close', () => resolve()));
    for (const stream of [child.stdout, child.stderr]) {
      const lines = new LineSplitter();
      stream?.setEncoding('utf8');
      stream?.on('data', (chunk: string) =>
        lines.push(chunk).forEach((line) => this.output(spec.name, line)),
      );
      stream?.on('end', () => lines.flush().forEach((line) => this.output(spec.name, line)));
    }
    child.once('error', (error) => this.say(`${spec.name} could not be started: ${error.message}`));
    child.once('spawn', () => this.say(`started ${spec.name} (pid ${child.pid})`));
    child.once('close', (code, signal) => this.onExit(supervised, code, signal));
  }

  private onExit(supervised: Supervised, code: number | null, signal: NodeJS.Signals | null): void {
    const { name } = supervised.spec;
    const how = signal ? `signal ${signal}` : `code ${code}`;
    if (this.stopping) {
      this.say(`${name} stopped (${how})`);
      return;
    }
    if (code === CONFIG_ERROR_EXIT_CODE) {
      // Restarting cannot fix the environment; the lines above name the variable to fix.
      this.say(`${name} exited with a configuration error (code ${code}); not restarting`);
      supervised.gaveUp = true;
      return;
    }
    const { delayMs, state } = nextRestart(
      supervised.backoff,
      Date.now() - supervised.startedAt,
      this.backoff,
    );
    supervised.backoff = state;
    this.say(
      `${name} exited (${how}); restarting in ${delayMs} ms (crash ${state.consecutiveCrashes} in a row)`,
    );
    supervised.restartTimer = setTimeout(() => {
      supervised.restartTimer = undefined;
      if (!this.stopping) this.launch(supervised);
    }, delayMs);
  }
}

async function isReady(url: string | undefined): Promise<boolean> {
  if (!url) return true;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}

function isRunning(child: ChildProcess | undefined): child is ChildProcess {
  return child !== undefined && child.exitCode === null && child.signalCode === null;
}
