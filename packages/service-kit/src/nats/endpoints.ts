import type { Msg, MsgHdrs, NatsConnection, Payload, Subscription } from '@nats-io/transport-node';
import { headers as createHeaders } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import type { EndpointDescription } from '../discovery/adr32';
import { EndpointStats } from '../discovery/endpoint-stats';
import type { ServiceMetrics } from '../metrics/registry';
import { SERVICE_ERROR_CODE_HEADER, SERVICE_ERROR_HEADER, describeFailure } from './service-error';

/** What a handler may answer: a payload, or a payload with headers. `undefined` answers an empty body. */
export type HandlerReply = Payload | { readonly data?: Payload; readonly headers?: MsgHdrs } | undefined;
export type RequestHandler = (msg: Msg) => Promise<HandlerReply>;

export interface HandleOptions {
  /** Name shown in discovery and metrics; defaults to the subject. */
  readonly endpointName?: string;
  /** Queue group; defaults to the service name so replicas share the load. */
  readonly queue?: string;
}

interface Endpoint {
  readonly description: EndpointDescription;
  readonly stats: EndpointStats;
  readonly subscription: Subscription;
  readonly loop: Promise<void>;
}

export class DuplicateEndpointError extends Error {
  override readonly name = 'DuplicateEndpointError';
}

/**
 * The request endpoints of one service instance. Messages are read through each subscription's async
 * iterator (v3 callbacks cannot be async) and every handler's promise is tracked, so shutdown can stop
 * intake and still wait for the requests already accepted.
 */
export class ServiceEndpoints {
  private readonly endpoints = new Map<string, Endpoint>();
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly nc: NatsConnection,
    private readonly serviceName: string,
    private readonly logger: Logger,
    private readonly metrics: ServiceMetrics,
  ) {}

  get inFlightCount(): number {
    return this.inFlight.size;
  }

  handle(subject: string, handler: RequestHandler, options: HandleOptions = {}): void {
    const name = options.endpointName ?? subject;
    if (this.endpoints.has(name))
      throw new DuplicateEndpointError(`endpoint "${name}" is already registered`);
    const queue = options.queue ?? this.serviceName;
    const subscription = this.nc.subscribe(subject, { queue });
    const stats = new EndpointStats();
    const description: EndpointDescription = { name, subject, queue_group: queue, metadata: null };
    const loop = (async () => {
      for await (const msg of subscription) {
        const work = this.process(msg, name, stats, handler);
        this.inFlight.add(work);
        void work.finally(() => this.inFlight.delete(work));
      }
    })();
    this.endpoints.set(name, { description, stats, subscription, loop });
  }

  list(): { description: EndpointDescription; stats: ReturnType<EndpointStats['snapshot']> }[] {
    return [...this.endpoints.values()].map((endpoint) => ({
      description: endpoint.description,
      stats: endpoint.stats.snapshot(),
    }));
  }

  /** Stops intake (drains every subscription), then waits for the requests already being handled. */
  async drain(): Promise<void> {
    await Promise.all(
      [...this.endpoints.values()].map(async (endpoint) => {
        if (!endpoint.subscription.isClosed()) await endpoint.subscription.drain().catch(() => undefined);
        await endpoint.loop;
      }),
    );
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private async process(
    msg: Msg,
    endpoint: string,
    stats: EndpointStats,
    handler: RequestHandler,
  ): Promise<void> {
    const started = process.hrtime.bigint();
    this.metrics.natsRequestsInFlight.inc();
    let failure: string | undefined;
    try {
      const reply = await handler(msg);
      if (msg.reply) this.respond(msg, reply);
    } catch (error) {
      const { code, description } = describeFailure(error);
      failure = `${code}:${description}`;
      this.logger.warn({ err: error, endpoint, subject: msg.subject }, 'request handler failed');
      if (msg.reply) {
        const errorHeaders = createHeaders();
        errorHeaders.set(SERVICE_ERROR_HEADER, description);
        errorHeaders.set(SERVICE_ERROR_CODE_HEADER, String(code));
        this.safeRespond(msg, '', errorHeaders);
      }
    } finally {
      const nanos = Number(process.hrtime.bigint() - started);
      stats.record(nanos, failure);
      this.metrics.natsRequestsInFlight.dec();
      this.metrics.natsRequests.inc({ endpoint, outcome: failure === undefined ? 'ok' : 'error' });
      this.metrics.natsRequestDuration.observe({ endpoint }, nanos / 1e9);
    }
  }

  private respond(msg: Msg, reply: HandlerReply): void {
    if (reply === undefined || typeof reply === 'string' || reply instanceof Uint8Array) {
      this.safeRespond(msg, reply ?? '');
    } else {
      this.safeRespond(msg, reply.data ?? '', reply.headers);
    }
  }

  private safeRespond(msg: Msg, data: Payload, replyHeaders?: MsgHdrs): void {
    try {
      msg.respond(data, replyHeaders === undefined ? undefined : { headers: replyHeaders });
    } catch (error) {
      // The connection may be closing; the requester will time out, which is all we can do.
      this.logger.warn({ err: error, subject: msg.subject }, 'could not send reply');
    }
  }
}
