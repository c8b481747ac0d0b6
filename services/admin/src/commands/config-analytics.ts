/** The analytics settings under `/config`: work hours, streak minimum, public leaderboards. */
import { ErrorCode } from '@timekeeper/contracts';
import { InteractionError } from '@timekeeper/service-kit';
import { requireManager } from '../flows/access';
import type { AdminDeps } from '../deps';
import { saveSettings } from './settings-write';
import { confirm, type CommandHandler } from './shared';

/** `HH:MM` (00:00–24:00) → minutes after local midnight, or null. Pure. */
export function parseClockTime(text: string | undefined): number | null {
  const match = /^([01]?\d|2[0-4]):([0-5]\d)$/.exec((text ?? '').trim());
  if (!match) return null;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return minutes <= 24 * 60 ? minutes : null;
}

const hhmm = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** `/config work-hours start end` */
export function configWorkHours(deps: AdminDeps): CommandHandler {
  return async (scope) => {
    await requireManager(deps, scope);
    const start = parseClockTime(scope.options.string('start'));
    const end = parseClockTime(scope.options.string('end'));
    if (start === null || end === null || start >= end) {
      throw new InteractionError(
        ErrorCode.INVALID_INPUT,
        'Work hours are two times as HH:MM, the start before the end (e.g. `start:09:00 end:17:30`; `24:00` is midnight). Nothing was changed.',
      );
    }
    const committed = await saveSettings(deps, scope, { workHours: { start, end } });
    return confirm(committed, `🕘 Work hours are ${hhmm(start)}–${hhmm(end)} (server time zone).`);
  };
}

/** `/config streak-minimum minutes` */
export function configStreakMinimum(deps: AdminDeps): CommandHandler {
  return async (scope) => {
    await requireManager(deps, scope);
    const minutes = scope.options.number('minutes');
    if (minutes === undefined || !Number.isInteger(minutes) || minutes < 1 || minutes > 1440) {
      throw new InteractionError(
        ErrorCode.INVALID_INPUT,
        'The streak minimum is 1 to 1440 minutes of tracked time per day. Nothing was changed.',
      );
    }
    const committed = await saveSettings(deps, scope, { streakMinimumMs: minutes * 60_000 });
    return confirm(committed, `🔥 A day counts towards a streak from ${minutes} minutes of tracked time.`);
  };
}

/** `/config leaderboards [public] [opt_out]` */
export function configLeaderboards(deps: AdminDeps): CommandHandler {
  return async (scope) => {
    await requireManager(deps, scope);
    const isPublic = scope.options.boolean('public');
    const optOut = scope.options.boolean('opt_out');
    if (isPublic === undefined && optOut === undefined) {
      throw new InteractionError(
        ErrorCode.INVALID_INPUT,
        'Say `public:True` or `public:False`, and/or `opt_out:True` or `opt_out:False`. Nothing was changed.',
      );
    }
    const committed = await saveSettings(deps, scope, {
      ...(isPublic === undefined ? {} : { publicLeaderboards: isPublic }),
      ...(optOut === undefined ? {} : { leaderboardOptOut: optOut }),
    });
    const lines = [
      isPublic === undefined
        ? null
        : isPublic
          ? '🏆 Leaderboards are public: everyone sees the board with names.'
          : '🙈 Leaderboards are private: each member sees the board privately, with other members anonymous.',
      optOut === undefined
        ? null
        : optOut
          ? '🙋 Members may hide themselves from others on public boards with `/leaderboard visibility:Hide me from others`.'
          : '📋 Members can no longer hide themselves: everyone is named on public boards.',
    ];
    return confirm(committed, lines.filter((l) => l !== null).join('\n'));
  };
}
