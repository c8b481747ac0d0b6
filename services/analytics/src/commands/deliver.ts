/** Completing a deferred reply: build it, then edit the original response (files included). */
import type { RawFile } from '@discordjs/rest';
import type { APIEmbed } from 'discord-api-types/v10';
import type { AnalyticsDeps } from '../deps';

export interface Delivery {
  readonly applicationId: string;
  readonly token: string;
}

export interface Reply {
  readonly content?: string;
  readonly embeds: APIEmbed[];
  readonly files: RawFile[];
}

const ATTEMPTS = 6;

/**
 * Builds the reply and edits it into the deferred response. The gateway posts the deferral, so the
 * edit may arrive first: an unknown original message is retried with back-off. A failed build still
 * gets an answer.
 */
export function deliver(deps: AnalyticsDeps, to: Delivery, build: () => Promise<Reply>): void {
  void (async () => {
    let reply: Reply;
    try {
      reply = await build();
    } catch (error) {
      deps.logger.error({ err: error }, 'insights failed');
      reply = {
        content:
          'Something went wrong while computing these insights. Nothing was changed; please try again.',
        embeds: [],
        files: [],
      };
    }
    for (let attempt = 1; ; attempt++) {
      try {
        await deps.api.interactions.editReply(to.applicationId, to.token, {
          content: reply.content ?? '',
          embeds: reply.embeds,
          files: reply.files,
          allowed_mentions: { parse: [] },
        });
        return;
      } catch (error) {
        if (attempt >= ATTEMPTS) {
          deps.logger.error({ err: error }, 'could not deliver insights');
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
      }
    }
  })();
}
