/** Collects what the service publishes on NATS (domain events, jobs) for assertions. */
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { decode, DomainEvent, Job, SUBJECT_PREFIX } from '@timekeeper/contracts';

export class Recorder {
  readonly events: DomainEvent[] = [];
  readonly jobs: Job[] = [];
  private readonly subscriptions: Subscription[];

  constructor(nc: NatsConnection) {
    this.subscriptions = [
      nc.subscribe(`${SUBJECT_PREFIX}.event.>`, {
        callback: (_error, msg) => {
          const decoded = decode(DomainEvent, msg.data);
          if (decoded.ok) this.events.push(decoded.value);
        },
      }),
      // JetStream publishes are ordinary messages too, so a core subscriber sees every job as queued.
      nc.subscribe(`${SUBJECT_PREFIX}.job.>`, {
        callback: (_error, msg) => {
          const decoded = decode(Job, msg.data);
          if (decoded.ok) this.jobs.push(decoded.value);
        },
      }),
    ];
  }

  async waitFor<T>(find: () => T | undefined, what: string, timeoutMs = 3_000): Promise<T> {
    return eventually(find, what, timeoutMs);
  }

  stop(): void {
    for (const subscription of this.subscriptions) subscription.unsubscribe();
  }
}

/** Polls `find` until it returns something (or `true`), failing after `timeoutMs` with `what`. */
export async function eventually<T>(
  find: () => T | undefined | false | Promise<T | undefined | false>,
  what: string,
  timeoutMs = 3_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await find();
    if (found !== undefined && found !== false) return found;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
