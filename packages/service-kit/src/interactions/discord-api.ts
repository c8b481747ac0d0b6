import { API } from '@discordjs/core/http-only';
import { REST } from '@discordjs/rest';

export interface DiscordApiOptions {
  /** Bot token; interaction callbacks and webhook edits need none, other calls do. */
  readonly token?: string | undefined;
  /** REST base without the version, e.g. https://discord.com/api or the emulator's …/api. */
  readonly apiUrl: string;
}

/**
 * The REST side of Discord for services other than the gateway: no sockets, only HTTP calls
 * (edit a deferred reply, add a role, send a DM).
 */
export function createDiscordApi(options: DiscordApiOptions): { api: API; rest: REST } {
  const rest = new REST({ api: options.apiUrl });
  if (options.token) rest.setToken(options.token);
  return { api: new API(rest), rest };
}
