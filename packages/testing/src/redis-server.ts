import { Socket } from 'node:net';
import { findBinary } from './binary';
import { ManagedServer, pollUntil } from './managed-process';
import { freePort } from './ports';

export interface RedisServerOptions {
  /** Keep an append-only file so data survives a kill -9 and restart. Default true. */
  readonly appendOnly?: boolean;
  /**
   * When the append-only file is fsynced. Default `always`, the setting every deployment uses: Redis
   * fsyncs before it answers, so an acknowledged write survives a crash (concurrent writes share one
   * fsync per event-loop pass). `everysec` is only for measuring what that costs.
   */
  readonly appendFsync?: 'always' | 'everysec';
}

/** Sends one inline command over a raw socket and returns the first reply line. */
export function rawRedisCommand(port: number, command: string, timeoutMs = 1_000): Promise<string> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (reply: string): void => {
      socket.destroy();
      resolve(reply);
    };
    socket.setTimeout(timeoutMs, () => done(''));
    socket.once('error', () => done(''));
    socket.connect(port, '127.0.0.1', () => socket.write(`${command}\r\n`));
    socket.once('data', (data) => done(data.toString().split('\r\n')[0] ?? ''));
  });
}

/** A private redis-server on a free loopback port with its own data folder. */
export class RedisServer extends ManagedServer {
  private constructor(
    readonly port: number,
    options: RedisServerOptions,
  ) {
    const binary = findBinary('redis-server', 'apt-get install -y redis-server');
    super({
      name: 'redis',
      binary,
      args: (dataDir) => [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--dir',
        dataDir,
        '--save',
        '',
        '--appendonly',
        options.appendOnly === false ? 'no' : 'yes',
        '--appendfsync',
        options.appendFsync ?? 'always',
        '--daemonize',
        'no',
        '--loglevel',
        'warning',
      ],
      waitReady: (child) => pollUntil(child, async () => (await rawRedisCommand(port, 'PING')) === '+PONG'),
    });
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  static async start(options: RedisServerOptions = {}): Promise<RedisServer> {
    const server = new RedisServer(await freePort(), options);
    await server.start();
    return server;
  }
}
