import type { ChildProcess } from 'node:child_process';
import { CONFIG_ERROR_EXIT_CODE } from '../config/parse-config';
import { localCustomIdSecret } from './local-secret';
import { LineSplitter } from './output-lines';
import {
  MissingServerBinaryError,
  ensureLocalServer,
  natsServerKind,
  redisServerKind,
} from './local-servers';
import { planPorts, portsTaken } from './ports';
import { Supervisor, type ChildSpec, type SupervisorOptions } from './supervisor';

export interface SupervisedService extends Omit<ChildSpec, 'env' | 'readyUrl'> {
  /** A service's HTTP port unless `<NAME>_HTTP_PORT` sets another; its /readyz tells when it is ready. */
  readonly defaultPort?: number;
}

export interface RunSupervisorOptions extends SupervisorOptions {
  /** Children to run; each gets `env` plus the NATS_URL / REDIS_URL decided here and its HTTP_PORT. */
  readonly children: readonly SupervisedService[];
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
  const sharedEnv: NodeJS.ProcessEnv = { ...options.env };
  sharedEnv.CUSTOM_ID_SECRET ||= localCustomIdSecret(options.dataRoot);
  const ports = await portsOrExit(options);
  // One environment per child (its own HTTP_PORT), completed below before any child starts.
  const childEnvs: NodeJS.ProcessEnv[] = [];
  const children = options.children.map(({ defaultPort: _default, ...child }): ChildSpec => {
    const port = ports.get(child.name);
    const env: NodeJS.ProcessEnv = { ...sharedEnv };
    delete env.HTTP_PORT;
    if (port !== undefined) env.HTTP_PORT = String(port);
    childEnvs.push(env);
    return { ...child, env, ...(port === undefined ? {} : { readyUrl: `http://127.0.0.1:${port}/readyz` }) };
  });
  const supervisor = new Supervisor(children, {
    ...options,
    extraLabels: ['redis', 'nats'],
    ...(ports.size === 0
      ? {}
      : {
          readyLine: `Timekeeper is ready: ${[...ports].map(([name, port]) => `${name} :${port}`).join(', ')} (GET /healthz, /readyz, /metrics on each; POST /interactions on the gateway)`,
        }),
  });

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
      for (const env of childEnvs) env[variable] = server.url;
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

/** The planned port of every child with a default port; prints why and exits 2 when it cannot work. */
async function portsOrExit(options: RunSupervisorOptions): Promise<ReadonlyMap<string, number>> {
  const defaults = new Map<string, number>();
  for (const child of options.children)
    if (child.defaultPort !== undefined) defaults.set(child.name, child.defaultPort);
  if (defaults.size === 0) return defaults;
  const plan = planPorts(defaults, options.env);
  const problems = plan.ok ? await portsTaken(plan.ports) : plan.problems;
  if (plan.ok && problems.length === 0) return plan.ports;
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  for (const problem of problems) write(`supervisor | ${problem}`);
  write('supervisor | not starting: restarting cannot fix this setting (see "Ports" in the README)');
  process.exit(CONFIG_ERROR_EXIT_CODE);
}
