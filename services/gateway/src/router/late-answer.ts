/**
 * After the gateway deferred, the service's late answer can no longer be an initial response: it becomes
 * an edit of the original response, or a follow-up. Pure: decides what to send, never sends.
 */
import { ERROR_MESSAGES, ErrorCode } from '@timekeeper/contracts';
import {
  InteractionResponseType,
  MessageFlags,
  type APIInteractionResponse,
  type APIInteractionResponseCallbackData,
  type RESTPatchAPIWebhookWithTokenMessageJSONBody,
  type RESTPostAPIWebhookWithTokenJSONBody,
} from 'discord-api-types/v10';

export type LateAction =
  | { readonly kind: 'edit'; readonly body: RESTPatchAPIWebhookWithTokenMessageJSONBody }
  | { readonly kind: 'followUp'; readonly body: RESTPostAPIWebhookWithTokenJSONBody }
  | { readonly kind: 'none'; readonly why: string };

/** Flags an edit of an existing message may carry. */
const EDITABLE_FLAGS = MessageFlags.SuppressEmbeds | MessageFlags.IsComponentsV2;

/**
 * @param deferral what the gateway sent: 5 (thinking…, ends as the original response) or 6 (deferred update
 *   of the component's message)
 */
export function lateActionForResponse(
  deferral: InteractionResponseType,
  response: APIInteractionResponse,
): LateAction {
  switch (response.type) {
    case InteractionResponseType.ChannelMessageWithSource:
      // After a deferred update the original is the component's message: a new message is a follow-up.
      return deferral === InteractionResponseType.DeferredMessageUpdate
        ? { kind: 'followUp', body: followUpBody(response.data ?? {}) }
        : { kind: 'edit', body: editBody(response.data ?? {}) };
    case InteractionResponseType.UpdateMessage:
      return { kind: 'edit', body: editBody(response.data ?? {}) };
    case InteractionResponseType.DeferredChannelMessageWithSource:
    case InteractionResponseType.DeferredMessageUpdate:
      return { kind: 'none', why: 'the service deferred and edits the response itself' };
    case InteractionResponseType.ApplicationCommandAutocompleteResult:
      return { kind: 'none', why: 'autocomplete choices cannot be shown late' };
    case InteractionResponseType.Modal:
      // A modal can only be opened as the initial response; tell the user to try again.
      return lateNotice(deferral, ERROR_MESSAGES[ErrorCode.UNAVAILABLE]);
    default:
      return lateNotice(deferral, ERROR_MESSAGES[ErrorCode.INTERNAL]);
  }
}

/** A message for the user after a deferral: the thinking… message becomes it, or it follows a silent update. */
export function lateNotice(
  deferral: InteractionResponseType,
  content: string,
): Exclude<LateAction, { kind: 'none' }> {
  return deferral === InteractionResponseType.DeferredMessageUpdate
    ? {
        kind: 'followUp',
        body: { content, flags: MessageFlags.Ephemeral, allowed_mentions: { parse: [] } },
      }
    : { kind: 'edit', body: { content, allowed_mentions: { parse: [] } } };
}

function editBody(data: APIInteractionResponseCallbackData): RESTPatchAPIWebhookWithTokenMessageJSONBody {
  const { flags, tts: _tts, ...rest } = data as APIInteractionResponseCallbackData & { tts?: boolean };
  const kept = (flags ?? 0) & EDITABLE_FLAGS;
  return kept === 0 ? rest : { ...rest, flags: kept };
}

function followUpBody(data: APIInteractionResponseCallbackData): RESTPostAPIWebhookWithTokenJSONBody {
  return data as RESTPostAPIWebhookWithTokenJSONBody;
}
