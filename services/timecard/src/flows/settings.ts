/** Managers' timesheet settings (review channel, pay, targets): one write, refused patches explained. */
import { withStorageRefusals, type CommandScope } from '@timekeeper/service-kit';
import { contractEvents, type GuildSettings, type SettingsPatch } from '@timekeeper/storage';
import type { TimecardDeps } from '../deps';
import { refuse } from './timesheet-input';

/**
 * Writes `patch` (the interaction id as event id, so a retry is applied once) and publishes
 * `config.changed`. Returns the settings after the write, or null when it was journaled for later.
 */
export async function saveSettings(
  deps: TimecardDeps,
  scope: CommandScope,
  patch: SettingsPatch,
): Promise<GuildSettings | null> {
  const result = await withStorageRefusals(() =>
    deps.storage.updateSettings(scope.guildId, patch, {
      eventId: scope.interaction.id,
      now: deps.clock.now(),
      actor: scope.userId,
    }),
  );
  if (result.status !== 'applied') return null;
  if (!result.outcome.ok) refuse(`That can't be saved: ${result.outcome.message}.`);
  if (!result.replayed) deps.effects.publish(contractEvents.config(result.outcome, patch));
  return result.outcome.settings;
}
