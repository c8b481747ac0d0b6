import type { CommandScope } from '@timekeeper/service-kit';
import { contractEvents, type SettingsOutcome, type SettingsPatch } from '@timekeeper/storage';
import type { AdminDeps } from '../deps';
import { settingsRejection } from '../logic/rejections';
import { commitWrite, type Committed } from '../flows/writes';
import { refuse, writeContext } from './shared';

export type SettingsApplied = Extract<SettingsOutcome, { ok: true }>;

/** One settings change: validated and audited by storage, then announced as `config.changed`. */
export function saveSettings(
  deps: AdminDeps,
  scope: CommandScope,
  patch: SettingsPatch,
): Promise<Committed<SettingsApplied>> {
  return commitWrite<SettingsOutcome, SettingsApplied>(
    deps,
    () => deps.storage.updateSettings(scope.guildId, patch, writeContext(deps, scope)),
    (outcome) => refuse(settingsRejection(outcome)),
    (outcome) => contractEvents.config(outcome, patch),
  );
}
