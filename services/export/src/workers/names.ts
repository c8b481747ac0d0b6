/** Server and member names for a report, from Discord (members who left print as their id). */
import type { API } from '@discordjs/core/http-only';

/** Lookups per export; a server export names the members with the most sessions first. */
const MAX_LOOKUPS = 200;
const CONCURRENCY = 8;

export async function serverName(api: API, guildId: string): Promise<string> {
  try {
    return (await api.guilds.get(guildId)).name;
  } catch {
    return `Server ${guildId}`;
  }
}

/** Members' names and role ids (role rates need them); members who left have neither. */
export async function memberNames(
  api: API,
  guildId: string,
  userIds: readonly string[],
): Promise<{ names: Map<string, string>; roles: Map<string, string[]> }> {
  const names = new Map<string, string>();
  const roles = new Map<string, string[]>();
  const queue = userIds.slice(0, MAX_LOOKUPS);
  const worker = async (): Promise<void> => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      try {
        const member = await api.guilds.getMember(guildId, id);
        names.set(id, member.nick ?? member.user.global_name ?? member.user.username);
        roles.set(id, member.roles);
      } catch {
        // Left the server or unknown: the id stands in for the name.
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { names, roles };
}
