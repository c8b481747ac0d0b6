import { createHash } from 'node:crypto';
import { Kvm, type KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { EVENTS_MAX_AGE_MS } from './event-stream';

export const POSTED_BUCKET = 'TK_ACTIVITY_POSTED';

/**
 * Which events already have their activity-log message, kept as long as the events stream keeps the
 * events (plus an hour). It makes a redelivery after a successful post (the process died before its
 * acknowledgement reached NATS) a no-op instead of a second message.
 */
export class PostedMarks {
  private constructor(private readonly kv: KV) {}

  static async open(nc: NatsConnection): Promise<PostedMarks> {
    const kv = await new Kvm(nc).create(POSTED_BUCKET, {
      history: 1,
      ttl: EVENTS_MAX_AGE_MS + 60 * 60_000,
    });
    return new PostedMarks(kv);
  }

  /** KV keys allow `[-/_=.A-Za-z0-9]`; event ids may hold `:`, so they are hashed. */
  static keyOf(guildId: string, eventId: string): string {
    return `${guildId}.${createHash('sha256').update(eventId).digest('hex').slice(0, 32)}`;
  }

  async has(guildId: string, eventId: string): Promise<boolean> {
    const entry = await this.kv.get(PostedMarks.keyOf(guildId, eventId));
    return entry !== null && entry.operation === 'PUT';
  }

  async mark(guildId: string, eventId: string, messageId: string): Promise<void> {
    await this.kv.put(PostedMarks.keyOf(guildId, eventId), messageId);
  }
}
