import type { APIChannel, APIRole } from 'discord-api-types/v10';
import type {
  ActiveFault,
  AutocompleteInput,
  ClickInput,
  CommandsView,
  EmulatorInfo,
  FileView,
  GuildView,
  InjectInteractionInput,
  InjectedInteraction,
  InteractionEventView,
  InteractionView,
  ModalSubmitInput,
  RateLimitFaultSpec,
  RequestLogEntry,
  RoleChangeView,
  SelectInput,
  ServerErrorFaultSpec,
  ShardStats,
  SlashInput,
} from './types';
import type { APIMessage } from 'discord-api-types/v10';
import type { CreateChannelInput, CreateGuildInput, CreateMemberInput, CreateRoleInput } from '../world';
import type { InteractionEventKind } from '../state';

/** A control request the emulator refused (unknown id, bad input, shard not connected…). */
export class EmulatorRequestError extends Error {
  public constructor(
    public readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'EmulatorRequestError';
  }
}

/** Nothing happened before the wait's deadline. */
export class EmulatorTimeoutError extends Error {
  public constructor(what: string, timeoutMs: number) {
    super(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    this.name = 'EmulatorTimeoutError';
  }
}

/** A stored upload with its bytes decoded. */
export interface FileContent extends Omit<FileView, 'data'> {
  bytes: Buffer;
}

export interface InteractionEventContent extends Omit<InteractionEventView, 'files'> {
  files: FileContent[];
}

export interface WaitOptions {
  timeoutMs?: number;
}

export interface MemberView {
  userId: string;
  roles: string[];
  permissions: string;
  highestRolePosition?: number;
}

const DEFAULT_TIMEOUT_MS = 5000;

/** Typed client for the emulator's `/__control` API; usable from tests, scripts and other processes. */
export class EmulatorClient {
  public constructor(public readonly baseUrl: string) {}

  public info(): Promise<EmulatorInfo> {
    return this.request('GET', '/info');
  }

  /** Moves the interaction clock forward, e.g. `advanceClock(3_001)` to miss the initial-response deadline. */
  public async advanceClock(ms: number): Promise<number> {
    return (await this.request<{ now: number }>('POST', '/clock/advance', { ms })).now;
  }

  /** Switches delivery to signed POSTs at `url` (null: back to the gateway). */
  public setInteractionsEndpoint(url: string | null): Promise<EmulatorInfo> {
    return this.request('PUT', '/interactions-endpoint', { url });
  }

  // World ------------------------------------------------------------------------------------------

  public createUser(
    input: { id?: string; username?: string } = {},
  ): Promise<{ id: string; username: string }> {
    return this.request('POST', '/users', input);
  }

  /** A guild with @everyone, the bot (managed role), the owner and a `general` channel. `shardId` picks an id on that shard. */
  public createGuild(input: CreateGuildInput = {}): Promise<GuildView> {
    return this.request('POST', '/guilds', input);
  }

  public guild(guildId: string): Promise<GuildView> {
    return this.request('GET', `/guilds/${guildId}`);
  }

  public createRole(guildId: string, input: CreateRoleInput = {}): Promise<APIRole> {
    return this.request('POST', `/guilds/${guildId}/roles`, input);
  }

  public createChannel(guildId: string, input: CreateChannelInput = {}): Promise<APIChannel> {
    return this.request('POST', `/guilds/${guildId}/channels`, input);
  }

  public addMember(guildId: string, input: CreateMemberInput = {}): Promise<MemberView> {
    return this.request('POST', `/guilds/${guildId}/members`, input);
  }

  /** The member leaves the server. */
  public removeMember(guildId: string, userId: string): Promise<void> {
    return this.request('DELETE', `/guilds/${guildId}/members/${userId}`);
  }

  public member(guildId: string, userId: string): Promise<MemberView> {
    return this.request('GET', `/guilds/${guildId}/members/${userId}`);
  }

  /** Changes the bot's managed role (permissions as a decimal bitfield string, position). */
  public setBotRole(guildId: string, input: { permissions?: string; position?: number }): Promise<APIRole> {
    return this.request('PATCH', `/guilds/${guildId}/bot`, input);
  }

  // Interactions -----------------------------------------------------------------------------------

  public inject(input: InjectInteractionInput): Promise<InjectedInteraction> {
    return this.request('POST', '/interactions', input);
  }

  /** A chat-input command, e.g. `slash({ guildId, userId, name: 'clockin', options: { category: 'work' } })`. */
  public slash(input: SlashInput): Promise<InjectedInteraction> {
    return this.inject({ kind: 'slash', ...input });
  }

  public autocomplete(input: AutocompleteInput): Promise<InjectedInteraction> {
    return this.inject({ kind: 'autocomplete', ...input });
  }

  /** A button press. */
  public click(input: ClickInput): Promise<InjectedInteraction> {
    return this.inject({ kind: 'button', ...input });
  }

  /** A string-select choice. */
  public select(input: SelectInput): Promise<InjectedInteraction> {
    return this.inject({ kind: 'select', ...input });
  }

  public submitModal(input: ModalSubmitInput): Promise<InjectedInteraction> {
    return this.inject({ kind: 'modal', ...input });
  }

  public async interaction(interactionId: string): Promise<InteractionView> {
    return this.request('GET', `/interactions/${interactionId}`);
  }

  /** Events after index `after` (of the given kinds), waiting up to `timeoutMs` for at least one. */
  public async events(
    interactionId: string,
    options: { after?: number; kinds?: InteractionEventKind[]; timeoutMs?: number } = {},
  ): Promise<InteractionEventContent[]> {
    const query = new URLSearchParams({
      after: String(options.after ?? -1),
      waitMs: String(options.timeoutMs ?? 0),
    });
    for (const kind of options.kinds ?? []) query.append('kind', kind);
    const events = await this.request<InteractionEventView[]>(
      'GET',
      `/interactions/${interactionId}/events?${query.toString()}`,
    );
    return events.map(decodeEvent);
  }

  /** The next event of these kinds after `after`; throws `EmulatorTimeoutError` when none comes. */
  public async awaitEvent(
    interactionId: string,
    kinds: InteractionEventKind[],
    options: { after?: number; timeoutMs?: number } = {},
  ): Promise<InteractionEventContent> {
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const [event] = await this.events(interactionId, { ...options, kinds, timeoutMs });
    if (!event)
      throw new EmulatorTimeoutError(`${kinds.join('/')} of interaction ${interactionId}`, timeoutMs);
    return event;
  }

  /** The initial response (callback or inline HTTP answer). */
  public awaitResponse(interactionId: string, options: WaitOptions = {}): Promise<InteractionEventContent> {
    return this.awaitEvent(interactionId, ['response'], options);
  }

  /** The next edit of `@original` after event index `after` (e.g. completing a deferred reply). */
  public awaitEdit(
    interactionId: string,
    options: WaitOptions & { after?: number } = {},
  ): Promise<InteractionEventContent> {
    return this.awaitEvent(interactionId, ['edit'], options);
  }

  public awaitFollowUp(
    interactionId: string,
    options: WaitOptions & { after?: number } = {},
  ): Promise<InteractionEventContent> {
    return this.awaitEvent(interactionId, ['followup'], options);
  }

  // Messages and files -----------------------------------------------------------------------------

  /** Live messages of a channel, oldest first, newer than message id `after`. */
  public messages(channelId: string, options: { after?: string } = {}): Promise<APIMessage[]> {
    return this.request('GET', `/channels/${channelId}/messages?after=${options.after ?? '0'}`);
  }

  /** Waits until the channel has a message newer than `after` and returns all of them. */
  public async awaitMessages(
    channelId: string,
    options: WaitOptions & { after?: string } = {},
  ): Promise<APIMessage[]> {
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const list = await this.request<APIMessage[]>(
      'GET',
      `/channels/${channelId}/messages?after=${options.after ?? '0'}&waitMs=${timeoutMs}`,
    );
    if (list.length === 0) throw new EmulatorTimeoutError(`a message in channel ${channelId}`, timeoutMs);
    return list;
  }

  /** Messages the bot sent to a user's DMs. */
  public dmMessages(userId: string, options: { after?: string } = {}): Promise<APIMessage[]> {
    return this.request('GET', `/users/${userId}/dm-messages?after=${options.after ?? '0'}`);
  }

  public async awaitDm(
    userId: string,
    options: WaitOptions & { after?: string } = {},
  ): Promise<APIMessage[]> {
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const list = await this.request<APIMessage[]>(
      'GET',
      `/users/${userId}/dm-messages?after=${options.after ?? '0'}&waitMs=${timeoutMs}`,
    );
    if (list.length === 0) throw new EmulatorTimeoutError(`a DM to user ${userId}`, timeoutMs);
    return list;
  }

  /** Uploaded files (name, bytes, content type), filtered by interaction, message or channel. */
  public async files(
    filter: { interactionId?: string; messageId?: string; channelId?: string } = {},
  ): Promise<FileContent[]> {
    const query = new URLSearchParams(filter as Record<string, string>);
    return (await this.request<FileView[]>('GET', `/files?${query.toString()}`)).map(decodeFile);
  }

  public roleChanges(guildId: string, userId?: string): Promise<RoleChangeView[]> {
    return this.request('GET', `/guilds/${guildId}/role-changes${userId ? `?userId=${userId}` : ''}`);
  }

  public commands(): Promise<CommandsView> {
    return this.request('GET', '/commands');
  }

  /** REST requests the emulator answered (newest last), e.g. to count retries. */
  public requests(filter: { method?: string; path?: string } = {}): Promise<RequestLogEntry[]> {
    return this.request(
      'GET',
      `/requests?${new URLSearchParams(filter as Record<string, string>).toString()}`,
    );
  }

  // Gateway ----------------------------------------------------------------------------------------

  /** Per shard: IDENTIFY and RESUME counts, heartbeats, connection and sequence. */
  public shards(): Promise<ShardStats[]> {
    return this.request('GET', '/gateway/shards');
  }

  public async awaitShardsReady(count: number, options: WaitOptions = {}): Promise<ShardStats[]> {
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    try {
      return await this.request('GET', `/gateway/shards/ready?count=${count}&waitMs=${timeoutMs}`);
    } catch (error) {
      if (error instanceof EmulatorRequestError && error.status === 408)
        throw new EmulatorTimeoutError(`${count} ready shards`, timeoutMs);
      throw error;
    }
  }

  /** Closes a shard's socket with `code` (4000 by default: resumable). `invalidate` also ends its session. */
  public async closeShard(
    shardId: number,
    code = 4000,
    options: { reason?: string; invalidate?: boolean } = {},
  ): Promise<void> {
    await this.request('POST', `/gateway/shards/${shardId}/close`, { code, ...options });
  }

  /** Sends RECONNECT (op 7). */
  public async reconnectShard(shardId: number): Promise<void> {
    await this.request('POST', `/gateway/shards/${shardId}/reconnect`, {});
  }

  /** Sends INVALID_SESSION (op 9). */
  public async invalidateSession(shardId: number, resumable = false): Promise<void> {
    await this.request('POST', `/gateway/shards/${shardId}/invalid-session`, { resumable });
  }

  /** Asks the shard for an immediate heartbeat (op 1 from the server). */
  public async requestHeartbeat(shardId: number): Promise<void> {
    await this.request('POST', `/gateway/shards/${shardId}/heartbeat`, {});
  }

  /** Stops or restarts HEARTBEAT_ACKs (one shard, or all when `shardId` is omitted). */
  public async setHeartbeatAcks(enabled: boolean, shardId?: number): Promise<void> {
    await this.request('POST', '/gateway/heartbeat-acks', { enabled, shardId: shardId ?? null });
  }

  /** Sends any dispatch event to a shard (or to the shard of `guildId`). */
  public dispatch(input: {
    shardId?: number;
    guildId?: string;
    event: string;
    data: unknown;
  }): Promise<{ seq: number; live: boolean }> {
    return this.request('POST', '/gateway/dispatch', input);
  }

  // Faults -----------------------------------------------------------------------------------------

  /** The next `count` matching REST requests get a 429 (`global` sets `X-RateLimit-Global`). */
  public injectRateLimit(spec: RateLimitFaultSpec): Promise<ActiveFault> {
    return this.request('POST', '/faults/rate-limit', spec);
  }

  /** The next `count` matching REST requests get a 5xx. */
  public injectServerError(spec: ServerErrorFaultSpec): Promise<ActiveFault> {
    return this.request('POST', '/faults/server-error', spec);
  }

  public faults(): Promise<ActiveFault[]> {
    return this.request('GET', '/faults');
  }

  public async clearFaults(): Promise<void> {
    await this.request('DELETE', '/faults');
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const send = (): Promise<Response> =>
      fetch(`${this.baseUrl}/__control${path}`, {
        method,
        ...(body === undefined
          ? {}
          : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
      });
    let response: Response;
    try {
      response = await send();
    } catch (error) {
      // A kept-alive connection the server closed as this request went out (the HTTP/1.1 keep-alive
      // race): the request never reached a handler, so an idempotent one is safely sent again once.
      if (!IDEMPOTENT_METHODS.has(method) || !isStaleConnectionError(error)) throw error;
      response = await send();
    }
    const text = await response.text();
    const parsed = text.length > 0 ? (JSON.parse(text) as unknown) : null;
    if (!response.ok) {
      const message =
        (parsed as { error?: string; message?: string } | null)?.error ??
        (parsed as { message?: string } | null)?.message ??
        text;
      throw new EmulatorRequestError(response.status, `${method} ${path}: ${message}`);
    }
    return parsed as T;
  }
}

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'PUT', 'DELETE']);

/** fetch's "fetch failed" whose cause is a connection reset or closed before any answer arrived. */
function isStaleConnectionError(error: unknown): boolean {
  if (!(error instanceof TypeError)) return false;
  const cause = (error as { cause?: { code?: unknown } }).cause;
  return ['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET'].includes(String(cause?.code));
}

function decodeFile(file: FileView): FileContent {
  const { data, ...rest } = file;
  return { ...rest, bytes: Buffer.from(data, 'base64') };
}

function decodeEvent(event: InteractionEventView): InteractionEventContent {
  return { ...event, files: event.files.map(decodeFile) };
}
