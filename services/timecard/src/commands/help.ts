/** `/help`: the commands this member may use (member, manager, admin), only to them. */
import { isManager, readValue, respond, type CommandScope } from '@timekeeper/service-kit';
import type { APIInteractionResponse } from 'discord-api-types/v10';
import type { TimecardDeps } from '../deps';
import { suspendedText } from '../logic/clock-rights';
import { helpLevel, helpLines } from '../logic/help';
import { helpEmbed } from '../views/help';

export function helpCommand(deps: TimecardDeps) {
  return async (scope: CommandScope): Promise<APIInteractionResponse> => {
    const [settings, suspension] = await Promise.all([
      deps.storage.getSettings(scope.guildId).then(readValue),
      deps.storage.suspension(scope.guildId, scope.userId, deps.clock.now()).then(readValue),
    ]);
    const level = helpLevel(scope.member.permissions, isManager(scope.member, settings.managerRoleIds));
    const embed = helpEmbed({
      level,
      lines: helpLines(level),
      notice: suspension ? suspendedText(suspension) : null,
    });
    return respond.ephemeral({ embeds: [embed] });
  };
}
