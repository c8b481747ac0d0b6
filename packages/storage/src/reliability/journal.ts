import {
  AckPolicy,
  DeliverPolicy,
  RetentionPolicy,
  StorageType,
  jetstream,
  jetstreamManager,
  type Consumer,
  type JetStreamClient,
  type JetStreamManager,
} from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { subjects } from '@timekeeper/contracts';
import type { Registry } from 'prom-client';
import { counter } from './metrics';

export interface OutageJournalOptions {
  readonly stream: string;
  readonly subject: string;
  readonly durable: string;
  /** Journaled writes older than this are discarded by JetStream; keep it under the event-id TTL. */
  readonly maxAgeMs: number;
  /** JetStream drops a second append with the same msgID (event id) inside this window. */
  readonly duplicateWindowMs: number;
  /**
   * Where a journaled write this version cannot apply is kept (a stream of its own, no age limit),
   * with the reason, for an operator to look at: never dropped.
   */
  readonly heldStream: string;
  readonly heldSubject: string;
}

export const DefaultOutageJournalOptions: OutageJournalOptions = {
  stream: 'TK_STORAGE_JOURNAL',
  subject: subjects.storageJournal,
  durable: 'storage-replayer',
  maxAgeMs: 3 * 86_400_000,
  duplicateWindowMs: 10 * 60_000,
  heldStream: 'TK_STORAGE_JOURNAL_HELD',
  heldSubject: `${subjects.storageJournal}.held`,
};

/** What one journaled write needs to be applied later: serialisable, stamped with its own clock. */
export interface JournalEntry {
  readonly guildId: string;
  readonly eventId: string;
  readonly command: unknown;
}

/** What applying an entry came to: done (applied or replayed), or retry later (Redis down again). */
export type ReplayVerdict = 'done' | 'retry' | 'failed';

const ms = (n: number): number => n * 1_000_000;

/**
 * Writes that could not reach Redis, kept in a JetStream stream on disk (work-queue retention, so an
 * entry disappears once acknowledged) and replayed in order. The consumer allows one unacknowledged
 * message at a time, so even several replicas replaying together keep the journal's order. Entries are
 * acknowledged only after they were applied; a crash mid-replay re-delivers, and event ids make that safe.
 */
export class OutageJournal {
  private readonly appended;
  private readonly replayed;
  private readonly failed;

  private constructor(
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly consumer: Consumer,
    private readonly options: OutageJournalOptions,
    registry: Registry,
  ) {
    this.appended = counter(registry, 'journal_appended_total', 'Writes put in the outage journal');
    this.replayed = counter(registry, 'journal_replayed_total', 'Journaled writes applied after an outage');
    this.failed = counter(
      registry,
      'journal_failed_total',
      'Journaled writes that could not be applied (moved to the held stream)',
    );
  }

  static async open(
    nats: NatsConnection,
    registry: Registry,
    options: Partial<OutageJournalOptions> = {},
  ): Promise<OutageJournal> {
    const o = { ...DefaultOutageJournalOptions, ...options };
    const jsm = await jetstreamManager(nats);
    const config = {
      name: o.stream,
      subjects: [o.subject],
      storage: StorageType.File,
      retention: RetentionPolicy.Workqueue,
      max_age: ms(o.maxAgeMs),
      duplicate_window: ms(o.duplicateWindowMs),
    };
    try {
      await jsm.streams.info(o.stream);
    } catch {
      await jsm.streams.add(config);
    }
    try {
      await jsm.streams.info(o.heldStream);
    } catch {
      await jsm.streams.add({
        name: o.heldStream,
        subjects: [o.heldSubject],
        storage: StorageType.File,
        retention: RetentionPolicy.Limits,
      });
    }
    try {
      await jsm.consumers.info(o.stream, o.durable);
    } catch {
      await jsm.consumers.add(o.stream, {
        durable_name: o.durable,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
        max_ack_pending: 1,
        ack_wait: ms(30_000),
      });
    }
    const js = jetstream(nats);
    const consumer = await js.consumers.get(o.stream, o.durable);
    return new OutageJournal(js, jsm, consumer, o, registry);
  }

  /** Durable once this resolves (JetStream acknowledged the file-stored message). */
  async append(entry: JournalEntry): Promise<void> {
    await this.js.publish(this.options.subject, JSON.stringify(entry), {
      msgID: `${entry.guildId}:${entry.eventId}`,
    });
    this.appended.inc();
  }

  /** Entries not yet applied (waiting or in flight). */
  async pending(): Promise<number> {
    const info = await this.jsm.consumers.info(this.options.stream, this.options.durable);
    return info.num_pending + info.num_ack_pending;
  }

  /**
   * Applies entries one by one, in journal order, until the journal is empty (true) or `apply` asks to
   * retry later (false). `failed` entries (this version cannot apply them: unreadable, or an earlier
   * version's write it refuses) are moved to the held stream as they were, then leave the journal, and
   * are reported through `onFailed`; while the held stream cannot take one, it stays in the journal.
   */
  async drain(
    apply: (entry: JournalEntry) => Promise<ReplayVerdict>,
    onFailed: (entry: JournalEntry) => void,
  ): Promise<boolean> {
    for (;;) {
      const msg = await this.consumer.next({ expires: 1_000 });
      if (!msg) return (await this.pending()) === 0;
      let entry: JournalEntry;
      let verdict: ReplayVerdict;
      try {
        entry = msg.json<JournalEntry>();
        verdict = await apply(entry);
      } catch {
        entry = { guildId: '?', eventId: String(msg.seq), command: msg.string() };
        verdict = 'failed';
      }
      if (verdict === 'retry') {
        msg.nak();
        return false;
      }
      if (verdict === 'failed') {
        try {
          await this.js.publish(this.options.heldSubject, msg.data, { msgID: `held:${msg.seq}` });
        } catch {
          msg.nak();
          return false;
        }
        msg.term();
        this.failed.inc();
        onFailed(entry);
        continue;
      }
      await msg.ackAck();
      this.replayed.inc();
    }
  }
}
