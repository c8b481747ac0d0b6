/** Every command, autocomplete and component of the timecard service, in one table. */
import { InteractionRouter } from '@timekeeper/service-kit';
import { clockinCommand } from './commands/clockin';
import { clockinAutocomplete } from './commands/clockin-autocomplete';
import { clockoutCommand } from './commands/clockout';
import { dashboardCommand } from './commands/dashboard';
import { forceclockoutCommand } from './commands/forceclockout';
import { statusCommand } from './commands/status';
import { whoclockedCommand } from './commands/whoclocked';
import { categoryMenu } from './components/category-menu';
import { clockOutButton } from './components/clockout-button';
import {
  dashboardClockInButton,
  dashboardClockOutButton,
  dashboardStatsButton,
  dashboardWhoButton,
} from './components/dashboard-buttons';
import { switchCategoryButton } from './components/switch-category';
import { whoPageButton } from './components/who-page';
import type { TimecardDeps } from './deps';
import { ACTIONS } from './ids';

export function buildRouter(deps: TimecardDeps): InteractionRouter {
  return new InteractionRouter(deps.codec, deps.logger)
    .command('clockin', clockinCommand(deps))
    .autocomplete('clockin', clockinAutocomplete(deps))
    .command('clockout', clockoutCommand(deps))
    .command('status', statusCommand(deps))
    .command('whoclocked', whoclockedCommand(deps))
    .command('dashboard', dashboardCommand(deps))
    .command('forceclockout', forceclockoutCommand(deps))
    .component(ACTIONS.dashboardClockIn, dashboardClockInButton(deps))
    .component(ACTIONS.dashboardClockOut, dashboardClockOutButton(deps))
    .component(ACTIONS.dashboardStats, dashboardStatsButton(deps))
    .component(ACTIONS.dashboardWho, dashboardWhoButton(deps))
    .component(ACTIONS.pickCategory, categoryMenu(deps))
    .component(ACTIONS.switchCategory, switchCategoryButton(deps))
    .component(ACTIONS.clockOut, clockOutButton(deps))
    .component(ACTIONS.whoPage, whoPageButton(deps));
}
