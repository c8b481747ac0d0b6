import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const live = new Set<ManagedServer>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Whatever happens to the test run, no server outlives it and no temp folder is left behind.
  process.once('exit', () => {
    for (const server of live) server.destroySync();
  });
}

export interface ManagedServerOptions {
  /** Short name used in temp folder names and errors, e.g. "redis". */
  readonly name: string;
  readonly binary: string;
  readonly args: (dataDir: string) => string[];
  /** Resolves once the server accepts work; rejects if it never does. */
  readonly waitReady: (child: ChildProcess, output: () => string) => Promise<void>;
}

/**
 * A server process the harness owns: a fixed port and data folder that survive stop / kill / restart,
 * so clients can reconnect to the same address and persisted data is kept.
 */
export class ManagedServer {
  readonly dataDir: string;
  private child: ChildProcess | undefined;
  private log = '';

  constructor(private readonly options: ManagedServerOptions) {
    this.dataDir = mkdtempSync(join(tmpdir(), `tk-${options.name}-`));
    live.add(this);
    installExitHook();
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Everything the server printed since its last start. */
  get output(): string {
    return this.log;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.log = '';
    const child = spawn(this.options.binary, this.options.args(this.dataDir), {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout?.on('data', (chunk: Buffer) => (this.log += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.log += chunk.toString()));
    try {
      await this.options.waitReady(child, () => this.log);
    } catch (error) {
      child.kill('SIGKILL');
      throw new Error(`${this.options.name} did not become ready: ${(error as Error).message}\n${this.log}`, {
        cause: error,
      });
    }
  }

  /** Graceful stop (SIGTERM), waiting for the process to exit. */
  async stop(): Promise<void> {
    await this.signal('SIGTERM');
  }

  /** Hard kill (SIGKILL), as a crash would. */
  async kill(): Promise<void> {
    await this.signal('SIGKILL');
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  /** Stops the server and removes its data folder. */
  async destroy(): Promise<void> {
    await this.kill();
    this.removeData();
  }

  destroySync(): void {
    if (this.running) this.child?.kill('SIGKILL');
    this.removeData();
  }

  private removeData(): void {
    rmSync(this.dataDir, { recursive: true, force: true });
    live.delete(this);
  }

  private async signal(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}

/** Polls `probe` until it succeeds, the child exits, or the timeout passes. */
export async function pollUntil(
  child: ChildProcess,
  probe: () => Promise<boolean>,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`process exited early (code ${child.exitCode ?? child.signalCode})`);
    }
    if (await probe()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`not ready after ${timeoutMs} ms`);
}
