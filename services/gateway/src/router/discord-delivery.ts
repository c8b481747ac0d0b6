/**
 * Delivering answers over Discord's REST interaction endpoints. They are sent without the bot token
 * (Discord authenticates them by the interaction token) and do not count against the global rate limit.
 */
import type { REST } from '@discordjs/rest';
import { Routes, type APIInteraction, type APIInteractionResponse } from 'discord-api-types/v10';
import type { CallbackClient } from './callback-client';
import type { LateAction } from './late-answer';
import type { LateDelivery } from './dispatcher';

/** WS mode's first answer: POST /interactions/:id/:token/callback. */
export function callbackAnswer(client: CallbackClient, interaction: APIInteraction) {
  return (response: APIInteractionResponse): Promise<void> =>
    client.send(interaction.id, interaction.token, response);
}

/** Edits of the original response and follow-ups, through the interaction's webhook. */
export function webhookDelivery(rest: REST): LateDelivery {
  return {
    async send(interaction: APIInteraction, action: Exclude<LateAction, { kind: 'none' }>): Promise<void> {
      const { application_id: applicationId, token } = interaction;
      if (action.kind === 'edit') {
        await rest.patch(Routes.webhookMessage(applicationId, token, '@original'), {
          body: action.body,
          auth: false,
        });
      } else {
        await rest.post(Routes.webhook(applicationId, token), { body: action.body, auth: false });
      }
    },
  };
}
