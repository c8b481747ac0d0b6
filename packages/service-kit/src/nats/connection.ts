import { connect, type NatsConnection, type Status } from '@nats-io/transport-node';
import type { Logger } from 'pino';

export interface NatsConnectionState {
  readonly nc: NatsConnection;
  /** True while the client has a live connection to a server. */
  isConnected(): boolean;
}

export interface ConnectNatsOptions {
  readonly url: string;
  /** Connection name shown by the server (`nats server report connections`). */
  readonly name: string;
  readonly logger: Logger;
  readonly onConnectedChange?: (connected: boolean) => void;
  /** Wait between reconnect attempts. */
  readonly reconnectTimeWaitMs?: number;
  /**
   * Skip the stack captured for every request (nats.js builds two Error objects per request so that a
   * failure points at its caller). For connections that send a request per user action and only look
   * at the error's type.
   */
  readonly noAsyncTraces?: boolean;
}

/** Log level and connection state implied by a client status event. */
export function describeStatus(status: Status): { level: 'info' | 'warn' | 'debug'; connected?: boolean } {
  switch (status.type) {
    case 'disconnect':
      return { level: 'warn', connected: false };
    case 'reconnect':
      return { level: 'info', connected: true };
    case 'close':
      return { level: 'info', connected: false };
    case 'error':
    case 'staleConnection':
    case 'slowConsumer':
    case 'ldm':
      return { level: 'warn' };
    default:
      return { level: 'debug' };
  }
}

/**
 * Connects and keeps reconnecting forever: a service outlives NATS restarts and reports not-ready
 * meanwhile. The first connect also waits for the server rather than failing the process.
 */
export async function connectNats(options: ConnectNatsOptions): Promise<NatsConnectionState> {
  const nc = await connect({
    servers: options.url,
    name: options.name,
    maxReconnectAttempts: -1,
    reconnectTimeWait: options.reconnectTimeWaitMs ?? 1000,
    waitOnFirstConnect: true,
    ...(options.noAsyncTraces ? { noAsyncTraces: true } : {}),
  });
  let connected = true;
  options.onConnectedChange?.(true);
  options.logger.info({ server: nc.getServer() }, 'connected to NATS');
  void (async () => {
    for await (const status of nc.status()) {
      const { level, connected: next } = describeStatus(status);
      const { type } = status;
      const detail =
        'server' in status ? { server: status.server } : 'error' in status ? { err: status.error } : {};
      options.logger[level]({ status: type, ...detail }, `NATS ${type}`);
      if (next !== undefined && next !== connected) {
        connected = next;
        options.onConnectedChange?.(connected);
      }
    }
  })();
  return { nc, isConnected: () => connected && !nc.isClosed() };
}
