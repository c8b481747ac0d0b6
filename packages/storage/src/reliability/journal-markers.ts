import { Kvm, type KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';

export interface JournalMarkersOptions {
  /** The NATS KV bucket holding one key per server (guild) with journaled writes. */
  readonly bucket: string;
}

export const DefaultJournalMarkersOptions: JournalMarkersOptions = { bucket: 'tk_storage_journaled' };

/**
 * Which servers have writes waiting in the outage journal, shared by every replica through NATS KV
 * (Redis may be the thing that is down). A replica marks a server before it journals a write for it
 * and makes sure the mark is still there before it acknowledges that write; every replica checks the
 * mark before a direct write and journals instead while it is set, so no newer write overtakes a
 * journaled one. Marks are cleared only once the whole journal has drained, and only if no replica
 * marked again in the meantime (conditional delete on the revision that was read).
 */
export class JournalMarkers {
  private constructor(private readonly kv: KV) {}

  static async open(
    nats: NatsConnection,
    options: Partial<JournalMarkersOptions> = {},
  ): Promise<JournalMarkers> {
    const o = { ...DefaultJournalMarkersOptions, ...options };
    return new JournalMarkers(await new Kvm(nats).create(o.bucket, { history: 1 }));
  }

  /** True while some replica holds journaled writes for the server. One NATS round trip. */
  async isMarked(guildId: string): Promise<boolean> {
    const entry = await this.kv.get(guildId);
    return entry !== null && entry.operation === 'PUT';
  }

  /** Marks the server; call before journaling a write for it. */
  async mark(guildId: string): Promise<void> {
    await this.kv.put(guildId, '1');
  }

  /**
   * Call after the journal accepted the write, before acknowledging it: a replica that finished
   * draining may have cleared the mark between `mark` and the append; then it is set again.
   */
  async confirm(guildId: string): Promise<void> {
    if (!(await this.isMarked(guildId))) await this.mark(guildId);
  }

  /** Clears every mark, each only if `drained()` still holds after its revision was read. */
  async clear(drained: () => Promise<boolean>): Promise<void> {
    const guilds: string[] = [];
    for await (const key of await this.kv.keys()) guilds.push(key);
    for (const guildId of guilds) {
      const entry = await this.kv.get(guildId);
      if (!entry || entry.operation !== 'PUT') continue;
      if (!(await drained())) return;
      try {
        await this.kv.delete(guildId, { previousSeq: entry.revision });
      } catch (error) {
        // Marked again after we read it: a newer journaled write is waiting, so the mark stays.
        if (!(error instanceof Error) || !/wrong last sequence/i.test(error.message)) throw error;
      }
    }
  }
}
