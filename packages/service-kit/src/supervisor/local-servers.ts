import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import { delimiter, join } from 'node:path';

export const LOCAL_REDIS_PORT = 6379;
export const LOCAL_NATS_PORT = 4222;
export const INSTALL_HINT = 'apt-get install redis-server nats-server';

export class MissingServerBinaryError extends Error {
  override readonly name = 'MissingServerBinaryError';
  constructor(readonly binary: string) {
    super(`'${binary}' is not installed (not on PATH). Install it with: ${INSTALL_HINT}`);
  }
}

export class PortInUseError extends Error {
  override readonly name = 'PortInUseError';
}

export type PortProbe = 'free' | 'expected' | 'other';

/**
 * Connects to 127.0.0.1:port and says whether nothing listens, the expected server answers
 * (`greeting` is what we send, `answer` what its reply starts with), or something else does.
 */
export function probePort(
  port: number,
  greeting: string,
  answer: string,
  timeoutMs = 1000,
): Promise<PortProbe> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    let received = '';
    const finish = (result: PortProbe): void => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => finish('other'));
    socket.once('error', () => finish('free'));
    socket.once('connect', () => {
      if (greeting !== '') socket.write(greeting);
    });
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString();
      if (received.length >= answer.length) finish(received.startsWith(answer) ? 'expected' : 'other');
    });
  });
}

export const probeRedis = (port: number): Promise<PortProbe> => probePort(port, 'PING\r\n', '+PONG');
/** A NATS server greets every new connection with its INFO line. */
export const probeNats = (port: number): Promise<PortProbe> => probePort(port, '', 'INFO ');

export function findExecutable(binary: string): string {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin', '/usr/bin'];
  for (const dir of dirs.filter(Boolean)) {
    try {
      accessSync(join(dir, binary), constants.X_OK);
      return join(dir, binary);
    } catch {
      // keep looking
    }
  }
  throw new MissingServerBinaryError(binary);
}

export interface LocalServer {
  readonly name: 'redis' | 'nats';
  readonly url: string;
  /** Set when the supervisor started it (and so must stop it); undefined when an existing one is reused. */
  readonly child: ChildProcess | undefined;
}

export interface ServerKind {
  readonly name: 'redis' | 'nats';
  readonly binary: string;
  readonly port: number;
  readonly scheme: string;
  readonly probe: (port: number) => Promise<PortProbe>;
  readonly args: (dataDir: string) => string[];
}

/** redis-server on 127.0.0.1:port with the append-only file fsynced before every answer, as deployed. */
export function redisServerKind(port = LOCAL_REDIS_PORT): ServerKind {
  return {
    name: 'redis',
    binary: 'redis-server',
    port,
    scheme: 'redis',
    probe: probeRedis,
    args: (dir) => [
      ...['--bind', '127.0.0.1', '--port', String(port), '--dir', dir],
      ...['--appendonly', 'yes', '--appendfsync', 'always'],
    ],
  };
}

/** nats-server on 127.0.0.1:port with JetStream, its store under the data folder. */
export function natsServerKind(port = LOCAL_NATS_PORT): ServerKind {
  return {
    name: 'nats',
    binary: 'nats-server',
    port,
    scheme: 'nats',
    probe: probeNats,
    args: (dir) => ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', dir],
  };
}

/**
 * Reuses the server already answering on the default port, or starts one with its data under
 * `dataRoot/<name>`. `onOutput` receives the started server's output lines.
 */
export async function ensureLocalServer(
  kind: ServerKind,
  dataRoot: string,
  onSpawn: (child: ChildProcess) => void,
  readyTimeoutMs = 15_000,
): Promise<LocalServer> {
  const url = `${kind.scheme}://127.0.0.1:${kind.port}`;
  const existing = await kind.probe(kind.port);
  if (existing === 'expected') return { name: kind.name, url, child: undefined };
  if (existing === 'other') {
    throw new PortInUseError(
      `port ${kind.port} is taken by something that is not ${kind.binary}; free it or set the URL`,
    );
  }
  const binary = findExecutable(kind.binary);
  const dataDir = join(dataRoot, kind.name);
  mkdirSync(dataDir, { recursive: true });
  const child = spawn(binary, kind.args(dataDir), { stdio: ['ignore', 'pipe', 'pipe'] });
  onSpawn(child);
  const deadline = Date.now() + readyTimeoutMs;
  while ((await kind.probe(kind.port)) !== 'expected') {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${kind.binary} exited during start (code ${child.exitCode ?? child.signalCode})`);
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${kind.binary} did not answer on port ${kind.port} within ${readyTimeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { name: kind.name, url, child };
}
