/**
 * The answers the gateway gives by itself: when no service may or can answer, and the deferrals it sends
 * to keep an interaction alive past the 3-second deadline. Pure functions of the interaction.
 */
import { ERROR_MESSAGES, ErrorCode } from '@timekeeper/contracts';
import {
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  type APIInteraction,
  type APIInteractionResponse,
} from 'discord-api-types/v10';

/** An ephemeral message; for autocomplete (which cannot show one) empty choices. */
export function ephemeralNotice(
  interaction: Pick<APIInteraction, 'type'>,
  content: string,
): APIInteractionResponse {
  if (interaction.type === InteractionType.ApplicationCommandAutocomplete) {
    return { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: [] } };
  }
  return {
    type: InteractionResponseType.ChannelMessageWithSource,
    data: { content, flags: MessageFlags.Ephemeral, allowed_mentions: { parse: [] } },
  };
}

export function unavailable(interaction: Pick<APIInteraction, 'type'>): APIInteractionResponse {
  return ephemeralNotice(interaction, ERROR_MESSAGES[ErrorCode.UNAVAILABLE]);
}

/** A message that quotes the reference id the service (or the gateway) logged, so support can find it. */
export function withReference(message: string, referenceId: string): string {
  return `${message}\nReference ID: \`${referenceId}\``;
}

/** Failures worth reporting quote the reference id; plain refusals ("you need Manage Server") do not. */
const CODES_WITH_REFERENCE: ReadonlySet<ErrorCode> = new Set([ErrorCode.INTERNAL, ErrorCode.UNAVAILABLE]);

export function errorNotice(error: { code: ErrorCode; message: string; referenceId: string }): string {
  return CODES_WITH_REFERENCE.has(error.code)
    ? withReference(error.message, error.referenceId)
    : error.message;
}

export function slowDownMessage(retryAfterMs: number, now: number = Date.now()): string {
  const at = Math.ceil((now + Math.max(retryAfterMs, 1_000)) / 1000);
  return `You're going a bit fast. Try again <t:${at}:R>.`;
}

/**
 * What keeps the interaction alive when the service is slow: "thinking…" (ephemeral) for commands and
 * modal submits, a silent deferred update for buttons and selects (the message stays as it is), and
 * empty choices for autocomplete, which cannot be deferred at all.
 */
export function deferralFor(interaction: Pick<APIInteraction, 'type'>): APIInteractionResponse {
  switch (interaction.type) {
    case InteractionType.MessageComponent:
      return { type: InteractionResponseType.DeferredMessageUpdate };
    case InteractionType.ApplicationCommandAutocomplete:
      return { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: [] } };
    default:
      return {
        type: InteractionResponseType.DeferredChannelMessageWithSource,
        data: { flags: MessageFlags.Ephemeral },
      };
  }
}
