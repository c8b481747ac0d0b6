import type {
  APIApplicationCommand,
  APIMessage,
  APIRole,
  InteractionResponseType,
} from 'discord-api-types/v10';
import type { ShardStats } from '../gateway/server';
import type { ActiveFault, RateLimitFaultSpec, ServerErrorFaultSpec } from '../ratelimit';
import type { InteractionEventKind, RequestLogEntry } from '../state';

/** Shapes exchanged over `/__control`; shared by the server routes and `EmulatorClient`. */
export type OptionValue = string | number | boolean;

export interface InteractionTarget {
  /** Omit for a DM interaction. */
  guildId?: string;
  /** Defaults to the guild's first channel (or the DM channel). */
  channelId?: string;
  userId: string;
  locale?: string;
  /** `http` POSTs the interaction (signed) to the interactions endpoint; default: the endpoint if one is set, else `gateway`. */
  delivery?: 'gateway' | 'http';
}

export interface SlashInput extends InteractionTarget {
  name: string;
  subcommandGroup?: string;
  subcommand?: string;
  /** Option name → value; user/channel/role/attachment options take ids and get `resolved` entries. */
  options?: Record<string, OptionValue>;
}

export interface AutocompleteInput extends SlashInput {
  /** The option being typed. */
  focused: string;
}

export interface ClickInput extends InteractionTarget {
  customId: string;
  /** The message holding the component; a bot message with that button is created when omitted. */
  messageId?: string;
}

export interface SelectInput extends ClickInput {
  values: string[];
}

export interface ModalSubmitInput extends InteractionTarget {
  customId: string;
  /** Text input custom_id → value. */
  fields: Record<string, string>;
  messageId?: string;
}

export type InjectInteractionInput =
  | ({ kind: 'slash' } & SlashInput)
  | ({ kind: 'autocomplete' } & AutocompleteInput)
  | ({ kind: 'button' } & ClickInput)
  | ({ kind: 'select' } & SelectInput)
  | ({ kind: 'modal' } & ModalSubmitInput);

export interface InjectedInteraction {
  id: string;
  token: string;
  /** Shard the interaction was (or would be) routed to. */
  shardId: number;
  delivery: 'gateway' | 'http';
  /**
   * Gateway delivery: false when the shard has no session yet (the interaction exists and can be
   * answered, but no bot saw it), as in REST-only tests.
   */
  dispatched?: boolean;
  /** Gateway delivery: whether the shard was connected (false: buffered for RESUME replay). */
  live?: boolean;
  /** HTTP delivery: the endpoint's status and parsed body. */
  httpStatus?: number;
  httpBody?: unknown;
}

export interface FileView {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  /** Base64 of the bytes. */
  data: string;
  messageId: string;
  channelId: string;
  interactionId: string | null;
}

export interface InteractionEventView {
  index: number;
  kind: InteractionEventKind;
  at: number;
  responseType: InteractionResponseType | null;
  body: unknown;
  messageId: string | null;
  message: APIMessage | null;
  via: 'callback' | 'http' | 'webhook';
  files: FileView[];
}

export interface InteractionView {
  id: string;
  token: string;
  type: number;
  guildId: string | null;
  channelId: string;
  userId: string;
  shardId: number;
  createdAt: number;
  acknowledged: boolean;
  originalMessageId: string | null;
  followUpIds: string[];
  events: InteractionEventView[];
  payload: unknown;
}

export interface RoleChangeView {
  guildId: string;
  userId: string;
  roleId: string;
  action: 'add' | 'remove';
  reason: string | null;
  at: number;
}

export interface GuildView {
  id: string;
  name: string;
  shardId: number;
  shardCount: number;
  channelIds: string[];
  roles: APIRole[];
  botRoleId: string;
  memberIds: string[];
}

export interface CommandsView {
  global: APIApplicationCommand[];
  guild: Record<string, APIApplicationCommand[]>;
}

export interface EmulatorInfo {
  url: string;
  apiUrl: string;
  gatewayUrl: string;
  botToken: string;
  applicationId: string;
  botUserId: string;
  publicKey: string;
  interactionsEndpointUrl: string | null;
  now: number;
}

export type { ActiveFault, RateLimitFaultSpec, RequestLogEntry, ServerErrorFaultSpec, ShardStats };
