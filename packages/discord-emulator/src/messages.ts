import {
  MessageFlags,
  MessageType,
  type APIAttachment,
  type APIMessage,
  type APIUser,
} from 'discord-api-types/v10';
import { DiscordApiError } from './errors';
import type { UploadedFile } from './router';
import type { SnowflakeGenerator } from './snowflake';
import type { EmulatorState, MessageRecord, StoredFile } from './state';
import { assertNotEmpty, validateMessage, type AttachmentContext } from './validation';
import { DEFAULT_ATTACHMENT_SIZE_LIMIT } from './world';

type Json = Record<string, unknown>;

/** The most a message request's files may add up to (unless the guild's per-file limit is larger). */
const MAX_REQUEST_BYTES = 25 * 1024 * 1024;

/** Flags a bot may set on a message it sends. */
const SETTABLE_FLAGS =
  MessageFlags.SuppressEmbeds |
  MessageFlags.Ephemeral |
  MessageFlags.SuppressNotifications |
  MessageFlags.IsComponentsV2;

export interface CreateMessageOptions {
  interactionId?: string | null;
  type?: MessageType;
  /** Extra flags the emulator sets itself (e.g. Loading for a deferred reply). */
  extraFlags?: number;
  /** Interaction messages carry the application as webhook. */
  webhookId?: string;
  /** Skip the empty-message check (deferred replies start empty). */
  allowEmpty?: boolean;
}

/** Creates, edits and deletes messages, with their uploaded files; shared by every message route. */
export class MessageService {
  public constructor(
    private readonly state: EmulatorState,
    private readonly ids: SnowflakeGenerator,
    private readonly author: () => APIUser,
    private readonly applicationId: string,
    private readonly baseUrl: () => string,
  ) {}

  /** Validation without side effects, so callbacks can reject before touching the interaction. */
  public validate(
    body: unknown,
    files: UploadedFile[],
    prefix: string[] = [],
    existing?: MessageRecord,
  ): void {
    validateMessage(body, attachmentContext(files, existing), prefix);
  }

  /**
   * Discord refuses a file above the limit of the guild the channel is in (DMs: the default), and a
   * request whose files add up to more than 25 MiB or that limit, whichever is larger.
   */
  private checkUploadSize(channelId: string, files: UploadedFile[]): void {
    const guildId = this.state.channels.get(channelId)?.guildId;
    const limit =
      (guildId ? this.state.guilds.get(guildId)?.attachmentSizeLimit : undefined) ??
      DEFAULT_ATTACHMENT_SIZE_LIMIT;
    const total = files.reduce((sum, f) => sum + f.bytes.length, 0);
    if (files.some((f) => f.bytes.length > limit) || total > Math.max(limit, MAX_REQUEST_BYTES)) {
      throw DiscordApiError.entityTooLarge();
    }
  }

  public create(
    channelId: string,
    rawBody: unknown,
    files: UploadedFile[],
    options: CreateMessageOptions = {},
  ): MessageRecord {
    const channel = this.state.channels.get(channelId);
    if (!channel) throw DiscordApiError.unknown('channel');
    const body = (rawBody ?? {}) as Json;
    this.validate(body, files);
    this.checkUploadSize(channelId, files);
    if (!options.allowEmpty) assertNotEmpty(body, files.length);
    const id = this.ids.next();
    const stored = this.storeFiles(files, body, channelId, id, options.interactionId ?? null);
    const flags =
      ((typeof body.flags === 'number' ? body.flags : 0) & SETTABLE_FLAGS) | (options.extraFlags ?? 0);
    const message: APIMessage = {
      id,
      channel_id: channelId,
      author: this.author(),
      content: typeof body.content === 'string' ? body.content : '',
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: body.tts === true,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: stored.map((file) => this.attachmentView(file)),
      embeds: Array.isArray(body.embeds) ? (body.embeds as APIMessage['embeds']) : [],
      pinned: false,
      type: options.type ?? MessageType.Default,
      flags,
      ...(Array.isArray(body.components)
        ? { components: body.components as NonNullable<APIMessage['components']> }
        : {}),
      ...(options.webhookId ? { webhook_id: options.webhookId, application_id: this.applicationId } : {}),
    };
    const record: MessageRecord = {
      message,
      deleted: false,
      interactionId: options.interactionId ?? null,
      files: stored,
    };
    this.state.messages.set(id, record);
    channel.messageIds.push(id);
    this.state.changed();
    return record;
  }

  /** Applies a PATCH: present fields replace, absent ones stay; `attachments` lists what to keep. */
  public edit(record: MessageRecord, rawBody: unknown, files: UploadedFile[], clearFlags = 0): MessageRecord {
    const body = (rawBody ?? {}) as Json;
    this.validate(body, files, [], record);
    this.checkUploadSize(record.message.channel_id, files);
    const message = record.message;
    if ('content' in body) message.content = typeof body.content === 'string' ? body.content : '';
    if ('embeds' in body)
      message.embeds = Array.isArray(body.embeds) ? (body.embeds as APIMessage['embeds']) : [];
    if ('components' in body) {
      message.components = Array.isArray(body.components)
        ? (body.components as NonNullable<APIMessage['components']>)
        : [];
    }
    if (typeof body.flags === 'number') {
      // Components V2 can be set on edit but never cleared.
      message.flags =
        ((message.flags ?? 0) & MessageFlags.IsComponentsV2) |
        (body.flags & SETTABLE_FLAGS) |
        ((message.flags ?? 0) & MessageFlags.Ephemeral);
    }
    message.flags = (message.flags ?? 0) & ~clearFlags;
    if (Array.isArray(body.attachments)) {
      const keep = new Set((body.attachments as Json[]).map((a) => String(a.id)));
      record.files = record.files.filter((file) => keep.has(file.id));
    }
    record.files.push(...this.storeFiles(files, body, message.channel_id, message.id, record.interactionId));
    message.attachments = record.files.map((file) => this.attachmentView(file));
    message.edited_timestamp = new Date().toISOString();
    this.state.changed();
    return record;
  }

  public delete(record: MessageRecord): void {
    record.deleted = true;
    this.state.changed();
  }

  /** A live message of a channel, or Discord's 10008. */
  public get(channelId: string, messageId: string): MessageRecord {
    const record = this.state.messages.get(messageId);
    if (!record || record.deleted || record.message.channel_id !== channelId)
      throw DiscordApiError.unknown('message');
    return record;
  }

  private storeFiles(
    files: UploadedFile[],
    body: Json,
    channelId: string,
    messageId: string,
    interactionId: string | null,
  ): StoredFile[] {
    const described = Array.isArray(body.attachments) ? (body.attachments as Json[]) : [];
    return files.map((file) => {
      const description = described.find((a) => file.index !== null && String(a.id) === String(file.index));
      return {
        id: this.ids.next(),
        filename: typeof description?.filename === 'string' ? description.filename : file.filename,
        contentType: file.contentType,
        bytes: file.bytes,
        channelId,
        messageId,
        interactionId,
      };
    });
  }

  private attachmentView(file: StoredFile): APIAttachment {
    const url = `${this.baseUrl()}/attachments/${file.channelId}/${file.id}/${encodeURIComponent(file.filename)}`;
    return {
      id: file.id,
      filename: file.filename,
      size: file.bytes.length,
      url,
      proxy_url: url,
      content_type: file.contentType,
    };
  }
}

function attachmentContext(files: UploadedFile[], existing?: MessageRecord): AttachmentContext {
  return {
    uploads: files.map((f) => ({ index: f.index, filename: f.filename })),
    existing: existing ? existing.files.map((f) => ({ id: f.id, filename: f.filename })) : [],
  };
}
