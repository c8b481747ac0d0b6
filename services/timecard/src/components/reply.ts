import { respond } from '@timekeeper/service-kit';
import type { APIInteractionResponse } from 'discord-api-types/v10';
import type { MessageBody } from '../views/components';

/**
 * Replaces the message the component is on (its own ephemeral answer) with `body`, clearing whatever
 * `body` does not set — so a used menu or button row disappears instead of looking still active.
 */
export function replaceWith(body: MessageBody): APIInteractionResponse {
  return respond.update({ content: '', embeds: [], components: [], ...body });
}
