import type { Redis } from 'ioredis';
import { gatewayKeys } from '../model/keys';

/** What a shard needs to RESUME (the shape of @discordjs/ws's SessionInfo). */
export interface StoredSession {
  readonly sessionId: string;
  readonly sequence: number;
  readonly resumeURL: string;
  readonly shardId: number;
  readonly shardCount: number;
}

export interface GatewaySessionStoreOptions {
  /** A stored session older than this is dropped; Discord would refuse to resume it anyway. */
  readonly ttlMs?: number;
}

export const DefaultGatewaySessionStoreOptions = { ttlMs: 24 * 60 * 60 * 1000 } as const;

/** Shard sessions in Redis, so a restarted (or replacement) gateway resumes instead of identifying. */
export class GatewaySessionStore {
  private readonly ttlMs: number;

  constructor(
    private readonly redis: Redis,
    options: GatewaySessionStoreOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? DefaultGatewaySessionStoreOptions.ttlMs;
  }

  /** The stored session, or null when there is none or it is unreadable (then the shard identifies). */
  async get(shardId: number): Promise<StoredSession | null> {
    const raw = await this.redis.get(gatewayKeys.session(shardId));
    return raw === null ? null : parseSession(raw, shardId);
  }

  async set(session: StoredSession): Promise<void> {
    await this.redis.set(gatewayKeys.session(session.shardId), JSON.stringify(session), 'PX', this.ttlMs);
  }

  async delete(shardId: number): Promise<void> {
    await this.redis.del(gatewayKeys.session(shardId));
  }
}

function parseSession(raw: string, shardId: number): StoredSession | null {
  try {
    const value = JSON.parse(raw) as Partial<StoredSession>;
    if (
      typeof value.sessionId === 'string' &&
      typeof value.resumeURL === 'string' &&
      Number.isSafeInteger(value.sequence) &&
      Number.isSafeInteger(value.shardCount) &&
      value.shardId === shardId
    ) {
      return value as StoredSession;
    }
  } catch {
    // fall through: an unreadable session is as good as none
  }
  return null;
}
