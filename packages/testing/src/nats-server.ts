import { findBinary } from './binary';
import { ManagedServer, pollUntil } from './managed-process';
import { freePort } from './ports';

export interface NatsServerOptions {
  /** Enable JetStream (stored in the server's data folder). Default true. */
  readonly jetstream?: boolean;
}

/** A private nats-server on a free loopback port, JetStream on, with its own store folder. */
export class NatsServer extends ManagedServer {
  private constructor(
    readonly port: number,
    readonly monitorPort: number,
    options: NatsServerOptions,
  ) {
    const binary = findBinary('nats-server', 'apt-get install -y nats-server');
    super({
      name: 'nats',
      binary,
      args: (dataDir) => [
        '-a',
        '127.0.0.1',
        '-p',
        String(port),
        '-m',
        String(monitorPort),
        ...(options.jetstream === false ? [] : ['-js', '-sd', dataDir]),
      ],
      waitReady: (child) =>
        pollUntil(child, async () => {
          try {
            const response = await fetch(`http://127.0.0.1:${monitorPort}/healthz`);
            return response.ok;
          } catch {
            return false;
          }
        }),
    });
  }

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  static async start(options: NatsServerOptions = {}): Promise<NatsServer> {
    const server = new NatsServer(await freePort(), await freePort(), options);
    await server.start();
    return server;
  }
}
