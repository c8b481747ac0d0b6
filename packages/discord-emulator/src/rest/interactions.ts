import { MessageFlags } from 'discord-api-types/v10';
import type { Router } from '../router';
import type { RestContext } from './context';

/** `POST /interactions/:id/:token/callback`: sent without a bot token, like Discord's. */
export function registerInteractionRoutes(router: Router, ctx: RestContext): void {
  router.add(
    'POST',
    '/interactions/:interactionId/:token/callback',
    ({ params, body, files, query }) => {
      const record = ctx.responder.forCallback(params.interactionId ?? '', params.token ?? '');
      const message = ctx.responder.respond(record, body, files, 'callback');
      if (query.get('with_response') !== 'true') return { status: 204 };
      const type = (body as { type?: number } | undefined)?.type ?? 0;
      const flags = message?.message.flags ?? 0;
      return {
        status: 200,
        body: {
          interaction: {
            id: record.id,
            type: record.type,
            activity_instance_id: null,
            response_message_id: message?.message.id ?? null,
            response_message_loading: (flags & MessageFlags.Loading) !== 0,
            response_message_ephemeral: (flags & MessageFlags.Ephemeral) !== 0,
          },
          resource: { type, ...(message ? { message: message.message } : {}) },
        },
      };
    },
    { auth: false },
  );
}
