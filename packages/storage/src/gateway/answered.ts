import type { Redis } from 'ioredis';
import { gatewayKeys } from './keys';

/** An interaction token lives 15 minutes; after that nobody can answer it, so the marker can go. */
export const ANSWERED_MARKER_TTL_MS = 15 * 60 * 1000;

/**
 * Which interactions already got their first answer. A RESUME replays every dispatch after the stored
 * sequence, including ones a previous process answered just before it died; those are skipped.
 */
export class AnsweredInteractions {
  constructor(private readonly redis: Redis) {}

  async mark(interactionId: string): Promise<void> {
    await this.redis.set(gatewayKeys.answered(interactionId), '1', 'PX', ANSWERED_MARKER_TTL_MS);
  }

  async has(interactionId: string): Promise<boolean> {
    return (await this.redis.exists(gatewayKeys.answered(interactionId))) === 1;
  }
}
