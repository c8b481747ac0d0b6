/**
 * Export bookkeeping in a NATS key-value bucket (not in Redis: none of it is guild data): one export at
 * a time per member, the server's recent export starts, and a "delivered" marker per job so a retried
 * job never sends its file twice. Compare-and-set on revisions keeps replicas from racing.
 */
import { Kvm, type KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { MEMBER_SLOT_MS, recentStarts, serverRetryAt } from '../logic/limits';

const BUCKET = 'TK_EXPORT';
/** Markers outlive any retry of a job (jobs are retried for minutes, not days). */
const BUCKET_MAX_AGE_MS = 24 * 60 * 60_000;

export type Claim =
  | { ok: true }
  | { ok: false; reason: 'member'; until: number }
  | { ok: false; reason: 'server'; retryAt: number };

export class ExportGuard {
  private constructor(private readonly kv: KV) {}

  static async open(nc: NatsConnection): Promise<ExportGuard> {
    const kv = await new Kvm(nc).create(BUCKET, { history: 1, ttl: BUCKET_MAX_AGE_MS });
    return new ExportGuard(kv);
  }

  /** Takes the member's slot and one of the server's starts, or says which limit stands in the way. */
  async claim(guildId: string, userId: string, jobId: string, now: number): Promise<Claim> {
    const slotKey = `slot.${guildId}.${userId}`;
    const held = await this.kv.get(slotKey);
    const current = held && held.operation === 'PUT' ? held.json<{ jobId: string; until: number }>() : null;
    if (current && current.until > now && current.jobId !== jobId)
      return { ok: false, reason: 'member', until: current.until };
    const retryAt = await this.takeServerStart(guildId, now);
    if (retryAt !== null) return { ok: false, reason: 'server', retryAt };
    const value = JSON.stringify({ jobId, until: now + MEMBER_SLOT_MS });
    try {
      if (held && held.operation === 'PUT') await this.kv.update(slotKey, value, held.revision);
      else await this.kv.create(slotKey, value);
    } catch {
      // Another replica took the slot between our read and write.
      const other = await this.kv.get(slotKey);
      const until = other?.operation === 'PUT' ? other.json<{ until: number }>().until : now + MEMBER_SLOT_MS;
      return { ok: false, reason: 'member', until };
    }
    return { ok: true };
  }

  /** Frees the member's slot if this job still holds it. */
  async release(guildId: string, userId: string, jobId: string): Promise<void> {
    const slotKey = `slot.${guildId}.${userId}`;
    const held = await this.kv.get(slotKey);
    if (held?.operation === 'PUT' && held.json<{ jobId: string }>().jobId === jobId) {
      await this.kv.delete(slotKey, { previousSeq: held.revision }).catch(() => undefined);
    }
  }

  async delivered(jobId: string): Promise<boolean> {
    const entry = await this.kv.get(`done.${markerKey(jobId)}`);
    return entry?.operation === 'PUT';
  }

  async markDelivered(jobId: string, how: string): Promise<void> {
    await this.kv.put(`done.${markerKey(jobId)}`, how);
  }

  /** Records a start unless the server is at its limit; returns when to retry in that case. */
  private async takeServerStart(guildId: string, now: number): Promise<number | null> {
    const key = `rate.${guildId}`;
    for (let attempt = 0; attempt < 5; attempt++) {
      const entry = await this.kv.get(key);
      const starts = entry?.operation === 'PUT' ? entry.json<number[]>() : [];
      const retryAt = serverRetryAt(starts, now);
      if (retryAt !== null) return retryAt;
      const next = JSON.stringify([...recentStarts(starts, now), now]);
      try {
        if (entry?.operation === 'PUT') await this.kv.update(key, next, entry.revision);
        else await this.kv.create(key, next);
        return null;
      } catch {
        // Raced with another replica: read again.
      }
    }
    return now + 1_000;
  }
}

/** KV keys allow only a few characters: job ids are `export:<snowflake>`. */
function markerKey(jobId: string): string {
  return jobId.replace(/[^A-Za-z0-9_-]/g, '_');
}
