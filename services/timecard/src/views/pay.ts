/** `/timesheet rates` and `/timesheet targets`: pay settings and who is below target. Pure. */
import { formatDecimalHours, formatMoney, type Target } from '@timekeeper/contracts';
import type { GuildSettings } from '@timekeeper/storage';
import { discordTime, truncate, userMention } from '../logic/format';
import type { PeriodTargets } from '../flows/targets';
import { isBelow } from '../flows/targets';
import { COLORS, type MessageBody } from './components';
import { shownName, type CategoryNames } from './names';

/** `<@123>`, `<@&456>` or **Support**: who or what a rate belongs to. */
export function rateScopeName(scope: string, names: CategoryNames): string {
  const [kind, ...rest] = scope.split(':');
  const id = rest.join(':');
  if (kind === 'member') return userMention(id);
  if (kind === 'role') return `<@&${id}>`;
  return `**${shownName(names, id)}**`;
}

const ORDER = ['member', 'category', 'role'];

function targetText(target: Target): string {
  return `${formatDecimalHours(target.minutes * 60_000)} h a ${target.period}`;
}

export function ratesView(settings: GuildSettings, names: CategoryNames): MessageBody {
  const currency = settings.payCurrency;
  const rates = Object.entries(settings.payRates)
    .sort(([a], [b]) => ORDER.indexOf(a.split(':')[0]!) - ORDER.indexOf(b.split(':')[0]!) || (a < b ? -1 : 1))
    .map(
      ([scope, minor]) =>
        `${rateScopeName(scope, names)} — ${currency ? formatMoney(minor, currency) : minor} / h`,
    );
  const targets = Object.entries(settings.targets).map(([roleId, t]) => `<@&${roleId}> — ${targetText(t)}`);
  const reminder =
    settings.targetReminderHours === null
      ? 'Off'
      : `${settings.targetReminderHours} hours before the week or month ends`;
  return {
    embeds: [
      {
        title: '💰 Pay and targets',
        color: COLORS.info,
        fields: [
          { name: 'Currency', value: currency ?? 'Not set (`/timesheet currency`)', inline: true },
          { name: 'Target reminder', value: reminder, inline: true },
          { name: 'Hourly rates', value: truncate(rates.join('\n') || 'None (`/timesheet rate`)', 1024) },
          { name: 'Targets', value: truncate(targets.join('\n') || 'None (`/timesheet target`)', 1024) },
        ],
        footer: {
          text: "A session's rate: the member's own, else its category's, else the highest of the member's roles.",
        },
      },
    ],
  };
}

export function targetsView(periods: readonly PeriodTargets[]): MessageBody {
  const fields = periods
    .filter((p) => p.standings.length > 0)
    .map((p) => {
      const below = p.standings.filter(isBelow);
      const lines = below.map(
        (s) =>
          `${userMention(s.userId)} — ${formatDecimalHours(s.trackedMs)} / ${formatDecimalHours(s.target.minutes * 60_000)} h (${Math.floor((100 * s.trackedMs) / (s.target.minutes * 60_000))}%)`,
      );
      return {
        name: `This ${p.period} (ends ${discordTime(p.range.to, 'f')}): ${below.length} of ${p.standings.length} below target`,
        value: truncate(lines.join('\n') || 'Everyone has reached their target. 🎉', 1024),
      };
    });
  return {
    embeds: [
      {
        title: '🎯 Targets',
        color: COLORS.info,
        description:
          fields.length > 0
            ? 'Members with a target, below it so far (running sessions included):'
            : 'No member has a target. Set one with `/timesheet target`.',
        fields,
      },
    ],
  };
}
