/** Collects what the service publishes on NATS (domain events, jobs) for assertions. */
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { decode, DomainEvent, Job, SUBJECT_PREFIX } from '@timekeeper/contracts';
import { eventually } from '@timekeeper/testing';

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
