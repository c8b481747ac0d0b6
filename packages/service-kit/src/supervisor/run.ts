import type { ChildProcess } from 'node:child_process';
import { localCustomIdSecret } from './local-secret';
import { LineSplitter } from './output-lines';
import {
  MissingServerBinaryError,
  ensureLocalServer,
  natsServerKind,
  redisServerKind,
} from './local-servers';
import { Supervisor, type ChildSpec, type SupervisorOptions } from './supervisor';

export interface RunSupervisorOptions extends SupervisorOptions {
  /** Children to run; each gets `env` plus the NATS_URL / REDIS_URL decided here. */
  readonly children: readonly Omit<ChildSpec, 'env'>[];
  readonly env: NodeJS.ProcessEnv;
  /** Where locally started redis-server / nats-server keep their data. */
  readonly dataRoot: string;
}

async function stopServer(child: ChildProcess, timeoutMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  await exited;
  clearTimeout(timer);
}

/**
 * The `pnpm start` process: make sure NATS and Redis are there (reuse or start them when their URL is
 * unset), run every child under a Supervisor, and on SIGINT/SIGTERM stop children, then servers, then
 * exit 0. Resolves once everything runs; the process then lives until a signal.
 */
export async function runSupervisor(options: RunSupervisorOptions): Promise<Supervisor> {
  const servers: ChildProcess[] = [];
  // Shared by every child spec and completed below, before any child starts.
  const childEnv: NodeJS.ProcessEnv = { ...options.env };
  childEnv.CUSTOM_ID_SECRET ||= localCustomIdSecret(options.dataRoot);
  const supervisor = new Supervisor(
    options.children.map((child) => ({ ...child, env: childEnv })),
    { ...options, extraLabels: ['redis', 'nats'] },
  );

  const stopServers = async (): Promise<void> => {
    for (const server of servers.reverse()) await stopServer(server, 10_000);
  };

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    supervisor.say(`${signal} received; stopping every service`);
    void supervisor
      .stop()
      .then(stopServers)
      .then(() => {
        supervisor.say('all stopped');
        process.exit(0);
      });
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  for (const kind of [redisServerKind(), natsServerKind()]) {
    if (stopping) break;
    const variable = kind.name === 'redis' ? 'REDIS_URL' : 'NATS_URL';
    if (options.env[variable]) {
      supervisor.say(`using ${variable} from the environment`);
      continue;
    }
    try {
      const server = await ensureLocalServer(kind, options.dataRoot, (child) => {
        servers.push(child);
        for (const stream of [child.stdout, child.stderr]) {
          const lines = new LineSplitter();
          stream?.setEncoding('utf8');
          stream?.on('data', (chunk: string) =>
            lines.push(chunk).forEach((line) => supervisor.output(kind.name, line)),
          );
        }
      });
      supervisor.say(
        server.child
          ? `started ${kind.binary} on ${server.url} (data in ${options.dataRoot}/${kind.name})`
          : `reusing the ${kind.binary} already answering on ${server.url}`,
      );
      childEnv[variable] = server.url;
    } catch (error) {
      supervisor.say(
        error instanceof MissingServerBinaryError
          ? error.message
          : `cannot start ${kind.binary}: ${String(error)}`,
      );
      await stopServers();
      process.exit(1);
    }
  }

  if (stopping) await stopServers();
  else supervisor.start();
  return supervisor;
}
