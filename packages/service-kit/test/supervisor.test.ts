import { join } from 'node:path';
import { eventually, spawnTs, waitForExit } from './support/processes';

const ENTRY = join(__dirname, 'fixtures', 'supervise-children.ts');

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** pid of every "started <name> (pid N)" line, in order. */
function startedPids(output: string, name: string): number[] {
  return [...output.matchAll(new RegExp(`started ${name} \\(pid (\\d+)\\)`, 'g'))].map((match) =>
    Number(match[1]),
  );
}

it('starts every child, restarts one killed with SIGKILL, and stops all on SIGTERM', async () => {
  const supervisor = spawnTs(ENTRY, { PATH: process.env.PATH });
  const exited = waitForExit(supervisor, 30_000);
  let output = '';
  supervisor.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const allPids: number[] = [];
  try {
    const [alpha, beta, straggler] = await eventually(async () => {
      const pids = ['alpha', 'beta', 'straggler'].map((name) => startedPids(output, name)[0]);
      // Each child writes in its own time: wait for alpha's stdout and beta's stderr before asserting.
      return pids.every((pid) => pid !== undefined) &&
        /^alpha\s+\| \{/m.test(output) &&
        /beta\s+\| beta stderr line/.test(output)
        ? (pids as number[])
        : undefined;
    }, 20_000); // the supervisor runs from TypeScript sources and starts three Node children: slow when busy
    allPids.push(alpha!, beta!, straggler!);
    // Output is labelled and, stdout not being a terminal, JSON passes through unchanged.
    expect(output).toMatch(new RegExp(`^alpha\\s+\\| \\{"level":30,.*"pid":${alpha}\\}$`, 'm'));

    process.kill(alpha!, 'SIGKILL');
    const restarted = await eventually(async () => startedPids(output, 'alpha')[1]);
    allPids.push(restarted);
    expect(restarted).not.toBe(alpha);
    expect(output).toMatch(/alpha exited \(signal SIGKILL\); restarting in 100 ms \(crash 1 in a row\)/);
    expect(isAlive(restarted)).toBe(true);
    expect(isAlive(beta!)).toBe(true);

    supervisor.kill('SIGTERM');
    const result = await exited;
    expect(result.code).toBe(0);
    expect(output).toMatch(/straggler did not stop within 1500 ms; sending SIGKILL/);
    expect(output).toMatch(/all stopped/);
    for (const pid of allPids) expect(isAlive(pid)).toBe(false);
  } finally {
    for (const pid of allPids) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    if (supervisor.exitCode === null) supervisor.kill('SIGKILL');
  }
}, 40_000);
