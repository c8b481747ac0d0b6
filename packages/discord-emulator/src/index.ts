export { DiscordEmulator } from './emulator';
export { EmulatorClient, EmulatorRequestError, EmulatorTimeoutError } from './control/client';
export type { FileContent, InteractionEventContent, MemberView, WaitOptions } from './control/client';
export type * from './control/types';
export { DiscordApiError, EmulatorControlError } from './errors';
export type { DiscordErrorBody, DiscordErrorTree, DiscordFieldError } from './errors';
export {
  DefaultEmulatorOptions,
  INITIAL_RESPONSE_DEADLINE_MS,
  INTERACTION_TOKEN_LIFETIME_MS,
} from './options';
export type { Clock, EmulatorOptions, EmulatorStartOptions, SigningKeyPair } from './options';
export { signInteraction } from './interactions/delivery';
export { Limits } from './validation';
export { DISCORD_EPOCH, SnowflakeGenerator, shardForGuild, snowflakeTimestamp } from './snowflake';
export { DEFAULT_BOT_PERMISSIONS } from './world';
export type { CreateChannelInput, CreateGuildInput, CreateMemberInput, CreateRoleInput } from './world';
export type { FaultMatch } from './ratelimit';
export type { InteractionEvent, InteractionEventListener, InteractionRecord } from './state';
