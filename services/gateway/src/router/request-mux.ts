/**
 * NATS request/reply over one wildcard inbox subscription: what the client's own `request` does, minus
 * what it allocates per request (an Error built after every successful request, a timer and a
 * deferred). The gateway sends one request per interaction, so this is on its hottest path.
 * Deadlines are checked by one sweep timer, so a timeout fires up to `sweepMs` late.
 */
import type { Msg, MsgHdrs, NatsConnection, Subscription } from '@nats-io/transport-node';
import { createInbox } from '@nats-io/transport-node';

export type MuxResult =
  | { readonly kind: 'reply'; readonly data: Uint8Array; readonly headers: MsgHdrs | undefined }
  | { readonly kind: 'no_responder' }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'failed'; readonly problem: string };

interface Pending {
  readonly resolve: (result: MuxResult) => void;
  readonly deadline: number;
}

/** NATS status of a request nobody subscribes to (sent with an empty body). */
const NO_RESPONDERS = 503;

export class RequestMux {
  private readonly prefix: string;
  private readonly pending = new Map<string, Pending>();
  private readonly subscription: Subscription;
  private readonly sweeper: NodeJS.Timeout;
  private seq = 0;

  constructor(
    private readonly nc: NatsConnection,
    sweepMs = 250,
  ) {
    this.prefix = `${createInbox()}.`;
    this.subscription = nc.subscribe(`${this.prefix}*`, {
      callback: (error, msg) => (error ? this.failAll(error.message) : this.onReply(msg)),
    });
    this.sweeper = setInterval(() => this.expire(Date.now()), sweepMs).unref();
    void nc.closed().then(() => this.close());
  }

  get inFlight(): number {
    return this.pending.size;
  }

  /** Publishes `data` to `subject` and resolves with its first reply; never rejects. */
  request(
    subject: string,
    data: Uint8Array,
    headers: MsgHdrs | undefined,
    timeoutMs: number,
  ): Promise<MuxResult> {
    const token = (++this.seq).toString(36);
    return new Promise<MuxResult>((resolve) => {
      this.pending.set(token, { resolve, deadline: Date.now() + timeoutMs });
      try {
        const reply = this.prefix + token;
        this.nc.publish(subject, data, headers ? { reply, headers } : { reply });
      } catch (error) {
        this.pending.delete(token);
        resolve({ kind: 'failed', problem: error instanceof Error ? error.message : String(error) });
      }
    });
  }

  /** Ends every waiting request as failed and stops listening. */
  close(): void {
    clearInterval(this.sweeper);
    this.failAll('connection closed');
    if (!this.nc.isClosed()) this.subscription.unsubscribe();
  }

  private onReply(msg: Msg): void {
    const token = msg.subject.slice(this.prefix.length);
    const waiting = this.pending.get(token);
    if (!waiting) return; // late after a timeout, or a second reply
    this.pending.delete(token);
    if (msg.data.length === 0 && msg.headers?.code === NO_RESPONDERS)
      waiting.resolve({ kind: 'no_responder' });
    else waiting.resolve({ kind: 'reply', data: msg.data, headers: msg.headers });
  }

  private expire(now: number): void {
    for (const [token, waiting] of this.pending) {
      if (waiting.deadline > now) continue;
      this.pending.delete(token);
      waiting.resolve({ kind: 'timeout' });
    }
  }

  private failAll(problem: string): void {
    for (const waiting of this.pending.values()) waiting.resolve({ kind: 'failed', problem });
    this.pending.clear();
  }
}
