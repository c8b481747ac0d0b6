import {
  InteractionResponseType,
  MessageFlags,
  type APICommandAutocompleteInteractionResponseCallbackData,
  type APIInteractionResponse,
  type APIInteractionResponseCallbackData,
  type APIModalInteractionResponseCallbackData,
} from 'discord-api-types/v10';

type MessageBody = Omit<APIInteractionResponseCallbackData, 'flags'>;

/** Builders for the interaction responses services send back to the gateway. */
export const respond = {
  /** A message only the user who acted can see — the default for personal answers. */
  ephemeral(body: MessageBody | string): APIInteractionResponse {
    return {
      type: InteractionResponseType.ChannelMessageWithSource,
      data: { ...toBody(body), flags: MessageFlags.Ephemeral },
    };
  },
  /** A message everyone in the channel sees. */
  public(body: MessageBody | string): APIInteractionResponse {
    return { type: InteractionResponseType.ChannelMessageWithSource, data: toBody(body) };
  },
  /** Replaces the message the clicked component is on. */
  update(body: MessageBody | string): APIInteractionResponse {
    return { type: InteractionResponseType.UpdateMessage, data: toBody(body) };
  },
  /** "Thinking…": the real answer follows by editing the original response. */
  deferred(options: { ephemeral: boolean }): APIInteractionResponse {
    return {
      type: InteractionResponseType.DeferredChannelMessageWithSource,
      data: options.ephemeral ? { flags: MessageFlags.Ephemeral } : {},
    };
  },
  autocomplete(
    choices: NonNullable<APICommandAutocompleteInteractionResponseCallbackData['choices']>,
  ): APIInteractionResponse {
    return { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices } };
  },
  modal(data: APIModalInteractionResponseCallbackData): APIInteractionResponse {
    return { type: InteractionResponseType.Modal, data };
  },
};

function toBody(body: MessageBody | string): APIInteractionResponseCallbackData {
  return typeof body === 'string'
    ? { content: body, allowed_mentions: { parse: [] } }
    : { allowed_mentions: { parse: [] }, ...body };
}
