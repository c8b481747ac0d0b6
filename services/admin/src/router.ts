import { InteractionRouter } from '@timekeeper/service-kit';
import { LIST_PAGE_ACTION } from './views/category-list';
import type { AdminDeps } from './deps';
import { activitylogDisable } from './commands/activitylog-disable';
import { activitylogSet } from './commands/activitylog-set';
import { activitylogShow } from './commands/activitylog-show';
import { adminAutocomplete } from './commands/admin-autocomplete';
import { adminSystem } from './commands/admin-system';
import { categoriesAdd } from './commands/categories-add';
import { categoriesArchive } from './commands/categories-archive';
import { categoriesEdit } from './commands/categories-edit';
import { categoriesList } from './commands/categories-list';
import { categoriesRestore } from './commands/categories-restore';
import { configLeaderboards, configStreakMinimum, configWorkHours } from './commands/config-analytics';
import { configAutocomplete } from './commands/config-autocomplete';
import { configManagerRoleAdd, configManagerRoleRemove } from './commands/config-manager-role';
import { configMaxSession } from './commands/config-max-session';
import { configReminders } from './commands/config-reminders';
import { configRoleClear, configRoleSet } from './commands/config-role';
import { configShow } from './commands/config-show';
import { configTimezone } from './commands/config-timezone';
import { configWeekstart } from './commands/config-weekstart';
import { categoriesListPage } from './components/categories-page';

/** Every command, autocomplete and component of the admin service, in one table. */
export function buildRouter(deps: AdminDeps): InteractionRouter {
  return new InteractionRouter(deps.codec, deps.logger)
    .command('admin categories add', categoriesAdd(deps))
    .command('admin categories edit', categoriesEdit(deps))
    .command('admin categories archive', categoriesArchive(deps))
    .command('admin categories restore', categoriesRestore(deps))
    .command('admin categories list', categoriesList(deps))
    .command('admin system', adminSystem(deps))
    .command('config show', configShow(deps))
    .command('config timezone', configTimezone(deps))
    .command('config weekstart', configWeekstart(deps))
    .command('config max-session', configMaxSession(deps))
    .command('config reminders', configReminders(deps))
    .command('config work-hours', configWorkHours(deps))
    .command('config streak-minimum', configStreakMinimum(deps))
    .command('config leaderboards', configLeaderboards(deps))
    .command('config role set', configRoleSet(deps))
    .command('config role clear', configRoleClear(deps))
    .command('config manager-role add', configManagerRoleAdd(deps))
    .command('config manager-role remove', configManagerRoleRemove(deps))
    .command('activitylog set', activitylogSet(deps))
    .command('activitylog disable', activitylogDisable(deps))
    .command('activitylog show', activitylogShow(deps))
    .autocomplete('admin', adminAutocomplete(deps))
    .autocomplete('config', configAutocomplete(deps))
    .component(LIST_PAGE_ACTION, categoriesListPage(deps));
}
