import { createCustomIdCodec, type CustomIdCodec } from '@timekeeper/contracts';
import type { API } from '@discordjs/core/http-only';
import { clockFromEnv, type Clock } from '../clock';
import { createDiscordApi } from '../interactions/discord-api';

/** The variables an interaction service reads for its tools (README: configuration table). */
export interface InteractionToolsConfig {
  readonly CUSTOM_ID_SECRET: string;
  readonly DISCORD_TOKEN?: string | undefined;
  readonly DISCORD_API_URL: string;
  readonly CLOCK_OFFSET_FILE?: string | undefined;
}

export interface InteractionTools {
  readonly clock: Clock;
  /** Signs and verifies the service's custom_ids. */
  readonly codec: CustomIdCodec;
  /** Discord's REST API (without a token it can answer interactions but not post or DM). */
  readonly api: API;
}

/** What a service that answers interactions builds first from its configuration. */
export function interactionTools(config: InteractionToolsConfig): InteractionTools {
  return {
    clock: clockFromEnv(config),
    codec: createCustomIdCodec({ secret: config.CUSTOM_ID_SECRET }),
    api: createDiscordApi({ token: config.DISCORD_TOKEN, apiUrl: config.DISCORD_API_URL }).api,
  };
}
