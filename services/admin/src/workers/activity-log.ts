import { createHash } from 'node:crypto';
import type { API } from '@discordjs/core/http-only';
import { jetstream, type ConsumerMessages, type JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { DomainEvent, decode } from '@timekeeper/contracts';
import type { StorageApi } from '@timekeeper/storage';
import type { Logger } from 'pino';
import type { Counter, Registry } from 'prom-client';
import { adminMetrics } from '../metrics';
import { activityEmbed, isActivityEvent, type ActivityEvent } from '../views/activity-log';
import type { PostedMarks } from './posted-marks';
import { classifyPostError, retryDelayMs } from '../logic/rest-errors';
import { ACTIVITY_LOG_DURABLE, EVENTS_STREAM } from './event-stream';

export interface ActivityLogPosterDeps {
  readonly nc: NatsConnection;
  readonly storage: StorageApi;
  readonly discord: API;
  readonly marks: PostedMarks;
  readonly logger: Logger;
  readonly registry: Registry;
}

type Outcome = 'posted' | 'skipped' | 'duplicate' | 'retry' | 'dropped' | 'invalid';

/** Discord's own de-duplication of a re-sent message (≤ 25 characters). */
export function nonceOf(eventId: string): string {
  return createHash('sha256').update(eventId).digest('base64url').slice(0, 25);
}

/**
 * Posts clock-ins, clock-outs, forced clock-outs, switches and corrections to each guild's
 * activity-log channel. Events of one guild are posted one after another; guilds run side by side,
 * so a slow or failing channel never holds up another guild. An event is acknowledged only after its
 * message exists (or when it can never be posted: no channel, missing access, deleted channel).
 */
export class ActivityLogPoster {
  private readonly chains = new Map<string, Promise<void>>();
  private readonly counter: Counter<'outcome'>;
  private messages: ConsumerMessages | undefined;
  private loop: Promise<void> | undefined;

  private constructor(private readonly deps: ActivityLogPosterDeps) {
    this.counter = adminMetrics(deps.registry).activityLogEvents;
  }

  static async start(deps: ActivityLogPosterDeps): Promise<ActivityLogPoster> {
    const poster = new ActivityLogPoster(deps);
    const consumer = await jetstream(deps.nc).consumers.get(EVENTS_STREAM, ACTIVITY_LOG_DURABLE);
    poster.messages = await consumer.consume({ max_messages: 64 });
    poster.loop = poster.run(poster.messages);
    return poster;
  }

  /** Stops taking events and waits for the posts in progress. */
  async stop(): Promise<void> {
    await this.messages?.close();
    await this.loop;
    await Promise.allSettled([...this.chains.values()]);
  }

  private async run(messages: ConsumerMessages): Promise<void> {
    for await (const msg of messages) {
      const decoded = decode(DomainEvent, msg.data);
      if (!decoded.ok) {
        this.deps.logger.error(
          { subject: msg.subject, problem: decoded.error.message },
          'unreadable event; dropped',
        );
        this.count('invalid');
        msg.term('unreadable');
        continue;
      }
      const event = decoded.value;
      if (!isActivityEvent(event)) {
        msg.ack();
        continue;
      }
      this.enqueue(event, msg);
    }
  }

  private enqueue(event: ActivityEvent, msg: JsMsg): void {
    const previous = this.chains.get(event.guildId) ?? Promise.resolve();
    const next = previous
      .then(() => this.handle(event, msg))
      .catch((error: unknown) => {
        this.deps.logger.error(
          { err: error, guildId: event.guildId, eventId: event.eventId },
          'activity log failed',
        );
        this.count('retry');
        msg.nak(retryDelayMs(msg.info.deliveryCount));
      });
    this.chains.set(event.guildId, next);
    void next.finally(() => {
      if (this.chains.get(event.guildId) === next) this.chains.delete(event.guildId);
    });
  }

  private async handle(event: ActivityEvent, msg: JsMsg): Promise<void> {
    const { storage, discord, marks, logger } = this.deps;
    const settings = await storage.getSettings(event.guildId);
    if (!settings.ok) {
      // Storage is down and nothing is cached: try again later; the event stays in the stream.
      this.count('retry');
      msg.nak(retryDelayMs(msg.info.deliveryCount));
      return;
    }
    const channelId = settings.value.activityLogChannelId;
    if (channelId === null) {
      this.count('skipped');
      msg.ack();
      return;
    }
    const alreadyPosted = await marks.has(event.guildId, event.eventId).catch((error: unknown) => {
      logger.warn({ err: error }, 'could not read posted marks; posting anyway');
      return false;
    });
    if (alreadyPosted) {
      this.count('duplicate');
      msg.ack();
      return;
    }
    const names = await this.categoryNames(event.guildId);
    let messageId: string;
    try {
      const message = await discord.channels.createMessage(channelId, {
        embeds: [activityEmbed(event, names)],
        allowed_mentions: { parse: [] },
        nonce: nonceOf(event.eventId),
        enforce_nonce: true,
      });
      messageId = message.id;
    } catch (error) {
      const failure = classifyPostError(error);
      const log = { guildId: event.guildId, channelId, eventId: event.eventId, reason: failure.reason };
      if (failure.kind === 'permanent') {
        logger.warn(log, 'activity log cannot post to its channel; event dropped');
        this.count('dropped');
        msg.term(failure.reason);
      } else {
        logger.info({ ...log, attempt: msg.info.deliveryCount }, 'activity log post failed; will retry');
        this.count('retry');
        msg.nak(retryDelayMs(msg.info.deliveryCount));
      }
      return;
    }
    await marks.mark(event.guildId, event.eventId, messageId).catch((error: unknown) => {
      logger.warn(
        { err: error, eventId: event.eventId },
        'could not record the post; a redelivery may repeat it',
      );
    });
    this.count('posted');
    msg.ack();
  }

  private async categoryNames(guildId: string): Promise<(key: string) => string> {
    const result = await this.deps.storage.listCategories(guildId, true).catch(() => undefined);
    const names = new Map(result?.ok ? result.value.map((c) => [c.key, c.displayName]) : []);
    return (key) => names.get(key) ?? key;
  }

  private count(outcome: Outcome): void {
    this.counter.inc({ outcome });
  }
}
