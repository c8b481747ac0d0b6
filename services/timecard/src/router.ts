/** Every command, autocomplete and component of the timecard service, in one table. */
import { InteractionRouter } from '@timekeeper/service-kit';
import { clockinCommand } from './commands/clockin';
import { clockinAutocomplete } from './commands/clockin-autocomplete';
import { clockoutCommand } from './commands/clockout';
import { dashboardCommand } from './commands/dashboard';
import { forceclockoutCommand } from './commands/forceclockout';
import { helpCommand } from './commands/help';
import { requestCommand } from './commands/request';
import { statusCommand } from './commands/status';
import { timesheetAddCommand } from './commands/timesheet-add';
import { timesheetAuditCommand } from './commands/timesheet-audit';
import { timesheetChannelCommand } from './commands/timesheet-channel';
import { timesheetAutocomplete } from './commands/timesheet-autocomplete';
import { timesheetDeleteCommand } from './commands/timesheet-delete';
import { timesheetEditCommand } from './commands/timesheet-edit';
import { timesheetListCommand } from './commands/timesheet-list';
import { timesheetLockCommand } from './commands/timesheet-lock';
import { timesheetRequireRoleCommand } from './commands/timesheet-require-role';
import { timesheetReviewCommand } from './commands/timesheet-review';
import { timesheetSuspendCommand } from './commands/timesheet-suspend';
import { timesheetCurrencyCommand } from './commands/timesheet-currency';
import { timesheetRateCommand } from './commands/timesheet-rate';
import { timesheetRatesCommand } from './commands/timesheet-rates';
import { timesheetTargetCommand } from './commands/timesheet-target';
import { timesheetTargetReminderCommand } from './commands/timesheet-target-reminder';
import { timesheetTargetsCommand } from './commands/timesheet-targets';
import { whoclockedCommand } from './commands/whoclocked';
import { auditPageButton } from './components/audit-page';
import { categoryMenu } from './components/category-menu';
import { clockOutButton } from './components/clockout-button';
import { correctionCancelButton, correctionConfirmButton } from './components/correction-buttons';
import {
  dashboardClockInButton,
  dashboardClockOutButton,
  dashboardStatsButton,
  dashboardWhoButton,
} from './components/dashboard-buttons';
import { requestApproveButton, requestDenyButton, requestDenyModal } from './components/request-buttons';
import {
  reviewAcceptButton,
  reviewAdjustButton,
  reviewDeleteButton,
  reviewModal,
} from './components/review-buttons';
import { switchCategoryButton } from './components/switch-category';
import { whoPageButton } from './components/who-page';
import { workedUntilButton, workedUntilModal } from './components/worked-until';
import type { TimecardDeps } from './deps';
import { ACTIONS } from './ids';
import { DM_ACTIONS } from './workers/messages';

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
    .component(ACTIONS.whoPage, whoPageButton(deps))
    .command('timesheet list', timesheetListCommand(deps))
    .command('timesheet edit', timesheetEditCommand(deps))
    .command('timesheet add', timesheetAddCommand(deps))
    .command('timesheet delete', timesheetDeleteCommand(deps))
    .command('timesheet audit', timesheetAuditCommand(deps))
    .command('timesheet review', timesheetReviewCommand(deps))
    .command('timesheet lock', timesheetLockCommand(deps, true))
    .command('timesheet unlock', timesheetLockCommand(deps, false))
    .command('timesheet channel', timesheetChannelCommand(deps))
    .command('timesheet suspend', timesheetSuspendCommand(deps, true))
    .command('timesheet unsuspend', timesheetSuspendCommand(deps, false))
    .command('timesheet require-role', timesheetRequireRoleCommand(deps))
    .command('timesheet currency', timesheetCurrencyCommand(deps))
    .command('timesheet rate', timesheetRateCommand(deps))
    .command('timesheet rates', timesheetRatesCommand(deps))
    .command('timesheet target', timesheetTargetCommand(deps))
    .command('timesheet targets', timesheetTargetsCommand(deps))
    .command('timesheet target-reminder', timesheetTargetReminderCommand(deps))
    .command('request', requestCommand(deps))
    .command('help', helpCommand(deps))
    .autocomplete('timesheet', timesheetAutocomplete(deps))
    .autocomplete('request', timesheetAutocomplete(deps))
    .component(ACTIONS.correctionConfirm, correctionConfirmButton(deps))
    .component(ACTIONS.correctionCancel, correctionCancelButton(deps))
    .component(ACTIONS.auditPage, auditPageButton(deps))
    .component(ACTIONS.reviewAccept, reviewAcceptButton(deps))
    .component(ACTIONS.reviewAdjust, reviewAdjustButton(deps))
    .component(ACTIONS.reviewDelete, reviewDeleteButton(deps))
    .modal(ACTIONS.reviewAdjustModal, reviewModal(deps, 'edit'))
    .modal(ACTIONS.reviewDeleteModal, reviewModal(deps, 'delete'))
    .component(ACTIONS.requestApprove, requestApproveButton(deps))
    .component(ACTIONS.requestDeny, requestDenyButton(deps))
    .modal(ACTIONS.requestDenyModal, requestDenyModal(deps))
    .directMessage(DM_ACTIONS.workedUntil, workedUntilButton(deps))
    .directMessage(DM_ACTIONS.workedUntilModal, workedUntilModal(deps));
}
