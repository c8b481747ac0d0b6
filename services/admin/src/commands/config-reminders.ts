import { ErrorCode, TIMEKEEPER_LIMITS } from '@timekeeper/contracts';
import { InteractionError } from '@timekeeper/service-kit';
import { requireManager } from '../flows/access';
import type { AdminDeps } from '../deps';
import { formatReminderInterval } from '../views/time';
import { saveSettings } from './settings-write';
import { confirm, type CommandHandler } from './shared';

const MAX = TIMEKEEPER_LIMITS.reminderMinutesMax;

/** 0 turns reminders off; 1–1440 minutes. Pure. */
export function parseReminderMinutes(
  minutes: number | undefined,
): { ok: true; intervalMs: number | null } | { ok: false; message: string } {
  if (minutes === undefined || !Number.isInteger(minutes) || minutes < 0 || minutes > MAX) {
    return {
      ok: false,
      message: `Reminders can be every 1 to ${MAX} minutes (24 hours), or 0 to turn them off.`,
    };
  }
  return { ok: true, intervalMs: minutes === 0 ? null : minutes * 60_000 };
}

/** `/config reminders minutes` */
export function configReminders(deps: AdminDeps): CommandHandler {
  return async (scope) => {
    await requireManager(deps, scope);
    const parsed = parseReminderMinutes(scope.options.number('minutes'));
    if (!parsed.ok) throw new InteractionError(ErrorCode.INVALID_INPUT, parsed.message);
    const committed = await saveSettings(deps, scope, { reminderIntervalMs: parsed.intervalMs });
    return confirm(
      committed,
      parsed.intervalMs === null
        ? '🔕 Reminders are off.'
        : `🔔 Clocked-in members get a DM reminder ${formatReminderInterval(parsed.intervalMs)}.`,
    );
  };
}
