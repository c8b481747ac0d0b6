import { ErrorCode, TIMEKEEPER_LIMITS, formatDuration } from '@timekeeper/contracts';
import { InteractionError } from '@timekeeper/service-kit';
import { requireManager } from '../flows/access';
import type { AdminDeps } from '../deps';
import { saveSettings } from './settings-write';
import { confirm, type CommandHandler } from './shared';

const { maxSessionHoursMin: MIN, maxSessionHoursMax: MAX } = TIMEKEEPER_LIMITS;

/** Checks the hours option; pure. */
export function parseMaxSessionHours(
  hours: number | undefined,
): { ok: true; ms: number } | { ok: false; message: string } {
  if (hours === undefined || !Number.isInteger(hours) || hours < MIN || hours > MAX) {
    return { ok: false, message: `The maximum session is a whole number of hours from ${MIN} to ${MAX}.` };
  }
  return { ok: true, ms: hours * 3_600_000 };
}

/** `/config max-session hours` */
export function configMaxSession(deps: AdminDeps): CommandHandler {
  return async (scope) => {
    await requireManager(deps, scope);
    const hours = scope.options.number('hours');
    const parsed = parseMaxSessionHours(hours);
    if (!parsed.ok) throw new InteractionError(ErrorCode.INVALID_INPUT, parsed.message);
    const committed = await saveSettings(deps, scope, { maxSessionMs: parsed.ms });
    return confirm(
      committed,
      `⏱️ Sessions longer than **${formatDuration(parsed.ms)}** are now closed automatically at ${formatDuration(parsed.ms)} and flagged for review.`,
    );
  };
}
