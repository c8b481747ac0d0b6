import type { CategoryChangedEvent } from '@timekeeper/contracts';
import type { Storage } from './storage';

/** The slice of a logger this needs (pino's fits). */
interface DefaultsLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

/**
 * Gives a guild its default categories (work, break, meeting) the first time this process sees it, from
 * whichever service the guild uses first.
 * Storage makes the write idempotent (it does nothing once a guild has ever had categories, and the
 * event id is fixed per guild), so replicas and restarts may all call it safely.
 */
export class GuildDefaults {
  private readonly seen = new Set<string>();
  private readonly pending = new Map<string, Promise<void>>();

  constructor(
    private readonly storage: Storage,
    /** Publishes each created category's event (the caller owns the message bus). */
    private readonly publish: (event: CategoryChangedEvent) => void,
    private readonly logger: DefaultsLogger,
  ) {}

  /** Never throws: a guild whose defaults could not be written is simply tried again next time. */
  ensure(guildId: string, actorId: string, now: number): Promise<void> {
    if (this.seen.has(guildId)) return Promise.resolve();
    let running = this.pending.get(guildId);
    if (!running) {
      running = this.run(guildId, actorId, now).finally(() => this.pending.delete(guildId));
      this.pending.set(guildId, running);
    }
    return running;
  }

  private async run(guildId: string, actorId: string, now: number): Promise<void> {
    const eventId = `defaults-${guildId}`;
    try {
      const result = await this.storage.ensureDefaults(guildId, { eventId, now, actor: actorId });
      if (result.status === 'journaled') {
        this.seen.add(guildId);
        return;
      }
      const outcome = result.outcome;
      if (!outcome.ok) {
        this.logger.warn({ guildId, code: outcome.code }, 'default categories were refused');
        return;
      }
      this.seen.add(guildId);
      if (result.replayed || outcome.created.length === 0 || !outcome.event) return;
      for (const key of outcome.created) {
        const event: CategoryChangedEvent = {
          v: 1,
          type: 'category.changed',
          eventId: `${eventId}.${key.replace(/[^A-Za-z0-9_-]/g, '_')}`,
          guildId,
          at: outcome.event.at,
          actorId: /^\d{15,20}$/.test(actorId) ? actorId : null,
          change: 'added',
          categoryKey: key,
          previousKey: null,
        };
        this.publish(event);
      }
      this.logger.info({ guildId, created: outcome.created }, 'created default categories');
    } catch (error) {
      this.logger.warn({ err: error, guildId }, 'could not create default categories; will retry');
    }
  }
}
