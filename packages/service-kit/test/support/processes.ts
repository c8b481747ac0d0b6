import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '..', '..', '..', '..');
const REGISTER = join(__dirname, 'ts-register.cjs');

/** Spawns a TypeScript entry file as a real Node process, resolving workspace packages to their sources. */
export function spawnTs(entry: string, env: NodeJS.ProcessEnv, args: string[] = []): ChildProcess {
  return spawn(process.execPath, ['-r', REGISTER, '--conditions=@timekeeper/source', entry, ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export interface Exited {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Collects output and resolves when the process exits (or rejects after `timeoutMs`, killing it). */
export function waitForExit(child: ChildProcess, timeoutMs = 20_000): Promise<Exited> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(`process did not exit within ${timeoutMs} ms\nstdout:\n${stdout}\nstderr:\n${stderr}`),
      );
    }, timeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      // 'exit' can precede the last 'data' events; 'close' follows them.
      child.once('close', () => resolve({ code, signal, stdout, stderr }));
      if (child.stdout === null || child.stdout.closed) resolve({ code, signal, stdout, stderr });
    });
  });
}

/** Polls until `probe` returns a value other than undefined. */
export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`condition not met within ${timeoutMs} ms${lastError ? `: ${String(lastError)}` : ''}`);
}
