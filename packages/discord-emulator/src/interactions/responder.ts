import {
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  MessageType,
  type APIMessage,
} from 'discord-api-types/v10';
import { DiscordApiError } from '../errors';
import type { MessageService } from '../messages';
import { INITIAL_RESPONSE_DEADLINE_MS, INTERACTION_TOKEN_LIFETIME_MS } from '../options';
import type { UploadedFile } from '../router';
import type { EmulatorState, InteractionRecord, MessageRecord } from '../state';
import { FormErrors, validateAutocompleteResult, validateModal } from '../validation';

type Json = Record<string, unknown>;

/** Which initial response types each interaction type accepts. */
const ALLOWED_RESPONSES: Record<number, InteractionResponseType[]> = {
  [InteractionType.Ping]: [InteractionResponseType.Pong],
  [InteractionType.ApplicationCommand]: [
    InteractionResponseType.ChannelMessageWithSource,
    InteractionResponseType.DeferredChannelMessageWithSource,
    InteractionResponseType.Modal,
  ],
  [InteractionType.MessageComponent]: [
    InteractionResponseType.ChannelMessageWithSource,
    InteractionResponseType.DeferredChannelMessageWithSource,
    InteractionResponseType.DeferredMessageUpdate,
    InteractionResponseType.UpdateMessage,
    InteractionResponseType.Modal,
  ],
  [InteractionType.ApplicationCommandAutocomplete]: [
    InteractionResponseType.ApplicationCommandAutocompleteResult,
  ],
  [InteractionType.ModalSubmit]: [
    InteractionResponseType.ChannelMessageWithSource,
    InteractionResponseType.DeferredChannelMessageWithSource,
    InteractionResponseType.DeferredMessageUpdate,
    InteractionResponseType.UpdateMessage,
  ],
};

export interface ResponderOptions {
  now: () => number;
  enforceDeadlines: boolean;
}

/** Applies initial responses and token-authenticated webhook calls to interactions, with Discord's rules. */
export class InteractionResponder {
  public constructor(
    private readonly state: EmulatorState,
    private readonly messages: MessageService,
    private readonly options: ResponderOptions,
  ) {}

  /** The interaction for a callback; 10062 when unknown or past the 3 s window. */
  public forCallback(id: string, token: string): InteractionRecord {
    const record = this.state.interactions.get(id);
    if (!record || record.token !== token) throw DiscordApiError.unknownInteraction();
    return record;
  }

  /** The interaction behind a webhook token; Discord answers 50027 once the 15 min have passed. */
  public forWebhook(applicationId: string, token: string): InteractionRecord {
    const record = this.state.interactionsByToken.get(token);
    if (!record || record.payload.application_id !== applicationId) throw DiscordApiError.unknown('webhook');
    if (
      this.options.enforceDeadlines &&
      this.options.now() - record.createdAt > INTERACTION_TOKEN_LIFETIME_MS
    ) {
      throw DiscordApiError.invalidWebhookToken();
    }
    // Follow-ups and edits need an acknowledged interaction.
    if (!record.acknowledged) throw DiscordApiError.unknown('webhook');
    return record;
  }

  /** Handles an initial response (callback or inline HTTP answer) and returns the message it made, if any. */
  public respond(
    record: InteractionRecord,
    rawBody: unknown,
    files: UploadedFile[],
    via: 'callback' | 'http',
  ): MessageRecord | null {
    if (record.acknowledged) throw DiscordApiError.alreadyAcknowledged();
    if (
      this.options.enforceDeadlines &&
      this.options.now() - record.createdAt > INITIAL_RESPONSE_DEADLINE_MS
    ) {
      throw DiscordApiError.unknownInteraction();
    }
    const body = (rawBody ?? {}) as Json;
    const type = body.type as InteractionResponseType;
    if (!ALLOWED_RESPONSES[record.type]?.includes(type)) {
      const errors = new FormErrors();
      errors.add(
        ['type'],
        'INTERACTION_RESPONSE_TYPE_INVALID',
        `Interaction response type ${String(body.type)} is not valid here`,
      );
      errors.throwIfAny();
    }
    const data = (body.data ?? {}) as Json;
    let message: MessageRecord | null = null;
    switch (type) {
      case InteractionResponseType.ChannelMessageWithSource:
        this.messages.validate(data, files, ['data']);
        message = this.messages.create(record.channelId, data, files, this.messageOptions(record));
        record.originalMessageId = message.message.id;
        break;
      case InteractionResponseType.DeferredChannelMessageWithSource: {
        const ephemeral = typeof data.flags === 'number' ? data.flags & MessageFlags.Ephemeral : 0;
        message = this.messages.create(record.channelId, { flags: ephemeral }, [], {
          ...this.messageOptions(record),
          extraFlags: MessageFlags.Loading,
          allowEmpty: true,
        });
        record.originalMessageId = message.message.id;
        break;
      }
      case InteractionResponseType.DeferredMessageUpdate:
        record.originalMessageId = record.sourceMessageId;
        break;
      case InteractionResponseType.UpdateMessage: {
        const source = this.sourceMessage(record);
        this.messages.validate(data, files, ['data'], source);
        message = this.messages.edit(source, data, files);
        record.originalMessageId = source.message.id;
        break;
      }
      case InteractionResponseType.ApplicationCommandAutocompleteResult:
        validateAutocompleteResult(data);
        break;
      case InteractionResponseType.Modal:
        validateModal(data);
        break;
      default:
        break;
    }
    record.acknowledged = true;
    this.state.recordInteractionEvent(record, {
      kind: 'response',
      at: this.options.now(),
      responseType: type,
      body: body.data ?? null,
      messageId: message?.message.id ?? record.originalMessageId,
      message: message ? snapshot(message.message) : null,
      via,
    });
    return message;
  }

  public followUp(record: InteractionRecord, body: unknown, files: UploadedFile[]): MessageRecord {
    const message = this.messages.create(record.channelId, body, files, this.messageOptions(record));
    record.followUpIds.push(message.message.id);
    this.record(record, 'followup', body, message);
    return message;
  }

  /** The message for `@original` or a follow-up id of this interaction. */
  public webhookMessage(record: InteractionRecord, messageId: string): MessageRecord {
    const id = messageId === '@original' ? record.originalMessageId : messageId;
    const owned = id !== null && (id === record.originalMessageId || record.followUpIds.includes(id));
    const message = owned ? this.state.messages.get(id) : undefined;
    if (!message || message.deleted) throw DiscordApiError.unknown('message');
    return message;
  }

  public edit(
    record: InteractionRecord,
    messageId: string,
    body: unknown,
    files: UploadedFile[],
  ): MessageRecord {
    const message = this.webhookMessage(record, messageId);
    // Editing the original of a deferred reply ends the "thinking…" state.
    this.messages.edit(message, body, files, MessageFlags.Loading);
    const original = message.message.id === record.originalMessageId;
    this.record(record, original ? 'edit' : 'followup-edit', body, message);
    return message;
  }

  public delete(record: InteractionRecord, messageId: string): void {
    const message = this.webhookMessage(record, messageId);
    this.messages.delete(message);
    this.record(record, 'delete', null, message);
  }

  private record(
    record: InteractionRecord,
    kind: 'followup' | 'edit' | 'followup-edit' | 'delete',
    body: unknown,
    message: MessageRecord,
  ): void {
    this.state.recordInteractionEvent(record, {
      kind,
      at: this.options.now(),
      responseType: null,
      body,
      messageId: message.message.id,
      message: snapshot(message.message),
      via: 'webhook',
    });
  }

  private sourceMessage(record: InteractionRecord): MessageRecord {
    const source = record.sourceMessageId ? this.state.messages.get(record.sourceMessageId) : undefined;
    if (!source || source.deleted) throw DiscordApiError.unknown('message');
    return source;
  }

  private messageOptions(record: InteractionRecord): {
    interactionId: string;
    type: MessageType;
    webhookId: string;
  } {
    return {
      interactionId: record.id,
      type:
        record.type === InteractionType.ApplicationCommand
          ? MessageType.ChatInputCommand
          : MessageType.Default,
      webhookId: record.payload.application_id,
    };
  }
}

/** Events keep the message as it was at that moment; later edits must not rewrite history. */
function snapshot(message: APIMessage): APIMessage {
  return structuredClone(message);
}
