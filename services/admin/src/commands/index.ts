import type { InteractionRouter } from '@timekeeper/service-kit';
import { LIST_PAGE_ACTION } from '../categories/list-view';
import type { AdminDeps } from '../deps';
import { activitylogDisable } from './activitylog-disable';
import { activitylogSet } from './activitylog-set';
import { activitylogShow } from './activitylog-show';
import { adminAutocomplete } from './admin-autocomplete';
import { adminSystem } from './admin-system';
import { categoriesAdd } from './categories-add';
import { categoriesArchive } from './categories-archive';
import { categoriesEdit } from './categories-edit';
import { categoriesList, categoriesListPage } from './categories-list';
import { categoriesRestore } from './categories-restore';
import { configLeaderboards, configStreakMinimum, configWorkHours } from './config-analytics';
import { configAutocomplete } from './config-autocomplete';
import { configManagerRoleAdd, configManagerRoleRemove } from './config-manager-role';
import { configMaxSession } from './config-max-session';
import { configReminders } from './config-reminders';
import { configRoleClear, configRoleSet } from './config-role';
import { configShow } from './config-show';
import { configTimezone } from './config-timezone';
import { configWeekstart } from './config-weekstart';

/** Every command path, button and autocomplete the admin service answers. */
export const ADMIN_COMMAND_PATHS = [
  'admin categories add',
  'admin categories edit',
  'admin categories archive',
  'admin categories restore',
  'admin categories list',
  'admin system',
  'config show',
  'config timezone',
  'config weekstart',
  'config max-session',
  'config reminders',
  'config work-hours',
  'config streak-minimum',
  'config leaderboards',
  'config role set',
  'config role clear',
  'config manager-role add',
  'config manager-role remove',
  'activitylog set',
  'activitylog disable',
  'activitylog show',
] as const;

export function registerAdminHandlers(router: InteractionRouter, deps: AdminDeps): InteractionRouter {
  return router
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
