import { ErrorCode } from '@timekeeper/contracts';
import { InteractionError } from '@timekeeper/service-kit';
import { readSettings, requireManager } from '../flows/access';
import type { AdminDeps } from '../deps';
import { channelMention } from '../views/text';
import { saveSettings } from './settings-write';
import { confirm, type CommandHandler } from './shared';

/** `/activitylog disable` */
export function activitylogDisable(deps: AdminDeps): CommandHandler {
  return async (scope) => {
    await requireManager(deps, scope);
    const current = (await readSettings(deps, scope.guildId)).activityLogChannelId;
    if (current === null) {
      throw new InteractionError(ErrorCode.CONFLICT, 'The activity log is already off.');
    }
    const committed = await saveSettings(deps, scope, { activityLogChannelId: null });
    return confirm(
      committed,
      `📋 The activity log is off; nothing more will be posted in ${channelMention(current)}.`,
    );
  };
}
