import { EventEmitter } from 'node:events';
import type {
  APIApplicationCommand,
  APIInteraction,
  APIMessage,
  ChannelType,
  InteractionResponseType,
  InteractionType,
} from 'discord-api-types/v10';

export interface UserRecord {
  id: string;
  username: string;
  globalName: string | null;
  bot: boolean;
}

export interface RoleRecord {
  id: string;
  name: string;
  permissions: bigint;
  position: number;
  color: number;
  hoist: boolean;
  managed: boolean;
  mentionable: boolean;
}

export interface MemberRecord {
  userId: string;
  roles: string[];
  nick: string | null;
  joinedAt: string;
  /** Bits granted on top of the roles, so a test can say "this member has X" without building roles. */
  extraPermissions: bigint;
  admin: boolean;
}

export interface GuildRecord {
  id: string;
  name: string;
  /** Largest file a message may carry here, in bytes (Discord's default for bots: 10 MiB). */
  attachmentSizeLimit: number;
  ownerId: string;
  locale: string;
  roles: Map<string, RoleRecord>;
  members: Map<string, MemberRecord>;
  channelIds: string[];
}

export interface ChannelRecord {
  id: string;
  type: ChannelType;
  guildId: string | null;
  name: string | null;
  /** For DM channels: the user on the other side. */
  recipientId: string | null;
  messageIds: string[];
}

export interface StoredFile {
  id: string;
  filename: string;
  contentType: string;
  bytes: Buffer;
  channelId: string;
  messageId: string;
  interactionId: string | null;
}

export interface MessageRecord {
  message: APIMessage;
  deleted: boolean;
  interactionId: string | null;
  files: StoredFile[];
}

export interface RoleChange {
  guildId: string;
  userId: string;
  roleId: string;
  action: 'add' | 'remove';
  reason: string | null;
  at: number;
}

export type InteractionEventKind = 'response' | 'edit' | 'followup' | 'followup-edit' | 'delete';

/** Something the bot did with an interaction, in order; tests await these. */
export interface InteractionEvent {
  index: number;
  kind: InteractionEventKind;
  at: number;
  /** For `response`: the callback type (or the type of the inline HTTP answer). */
  responseType: InteractionResponseType | null;
  /** The body the bot sent (`data` of a callback, or the webhook body). */
  body: unknown;
  messageId: string | null;
  /** Snapshot of the message after the change, when one exists. */
  message: APIMessage | null;
  via: 'callback' | 'http' | 'webhook';
}

export type InteractionEventListener = (interaction: InteractionRecord, event: InteractionEvent) => void;

export interface InteractionRecord {
  id: string;
  token: string;
  type: InteractionType;
  payload: APIInteraction;
  createdAt: number;
  guildId: string | null;
  channelId: string;
  userId: string;
  shardId: number;
  acknowledged: boolean;
  originalMessageId: string | null;
  /** The message a component lives on (component interactions). */
  sourceMessageId: string | null;
  followUpIds: string[];
  events: InteractionEvent[];
}

export interface RequestLogEntry {
  method: string;
  path: string;
  status: number;
  at: number;
}

/** The emulator's world: plain maps, changed only through REST and control handlers. */
export class EmulatorState {
  public readonly users = new Map<string, UserRecord>();
  public readonly guilds = new Map<string, GuildRecord>();
  public readonly channels = new Map<string, ChannelRecord>();
  public readonly messages = new Map<string, MessageRecord>();
  public readonly interactions = new Map<string, InteractionRecord>();
  public readonly interactionsByToken = new Map<string, InteractionRecord>();
  public readonly globalCommands = new Map<string, APIApplicationCommand>();
  public readonly guildCommands = new Map<string, Map<string, APIApplicationCommand>>();
  public readonly roleChanges: RoleChange[] = [];
  public readonly requestLog: RequestLogEntry[] = [];
  /** DM channel id per recipient user id. */
  public readonly dmChannels = new Map<string, string>();
  private readonly emitter = new EventEmitter();
  private readonly waiters = new Set<() => void>();

  public constructor() {
    // Every long-poll registers a listener; there can be many at once.
    this.emitter.setMaxListeners(0);
  }

  /** Wakes every waiter so it can re-check its condition. */
  public changed(): void {
    this.emitter.emit('change');
  }

  /**
   * Resolves with the first non-undefined result of `check`, re-evaluated after each change, or with
   * undefined after `timeoutMs`.
   */
  public waitFor<T>(check: () => T | undefined, timeoutMs: number): Promise<T | undefined> {
    const immediate = check();
    if (immediate !== undefined || timeoutMs <= 0) return Promise.resolve(immediate);
    return new Promise((resolve) => {
      const onChange = (): void => {
        const value = check();
        if (value === undefined) return;
        cleanup();
        resolve(value);
      };
      const giveUp = (): void => {
        cleanup();
        resolve(undefined);
      };
      const timer = setTimeout(giveUp, timeoutMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.emitter.off('change', onChange);
        this.waiters.delete(giveUp);
      };
      this.emitter.on('change', onChange);
      this.waiters.add(giveUp);
    });
  }

  /** Ends every pending wait (on close) so long-polls do not keep timers alive. */
  public dispose(): void {
    for (const giveUp of [...this.waiters]) giveUp();
    this.emitter.removeAllListeners();
  }

  public recordInteractionEvent(
    interaction: InteractionRecord,
    event: Omit<InteractionEvent, 'index'>,
  ): InteractionEvent {
    const full = { ...event, index: interaction.events.length };
    interaction.events.push(full);
    this.emitter.emit('interaction-event', interaction, full);
    this.changed();
    return full;
  }

  /** Calls `listener` for every event recorded on an interaction; returns a function that stops it. */
  public onInteractionEvent(listener: InteractionEventListener): () => void {
    this.emitter.on('interaction-event', listener);
    return () => void this.emitter.off('interaction-event', listener);
  }

  /** Drops an interaction and the message its first answer made; unknown ids are ignored. */
  public forgetInteraction(id: string): void {
    const record = this.interactions.get(id);
    if (!record) return;
    this.interactions.delete(id);
    this.interactionsByToken.delete(record.token);
    if (record.originalMessageId) this.messages.delete(record.originalMessageId);
  }

  public logRequest(entry: RequestLogEntry): void {
    this.requestLog.push(entry);
    // Bounded: benchmarks send many requests.
    if (this.requestLog.length > 5000) this.requestLog.splice(0, this.requestLog.length - 5000);
  }

  public liveMessages(channelId: string): APIMessage[] {
    const channel = this.channels.get(channelId);
    if (!channel) return [];
    const out: APIMessage[] = [];
    for (const id of channel.messageIds) {
      const record = this.messages.get(id);
      if (record && !record.deleted) out.push(record.message);
    }
    return out;
  }
}
