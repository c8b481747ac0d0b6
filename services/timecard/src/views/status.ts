/** `/status`, "My stats" and the personal dashboard's summary. */
import { formatDecimalHours, formatDuration, formatMoney } from '@timekeeper/contracts';
import type { PeriodStanding } from '../flows/pay';
import type { APIEmbed, APIEmbedField } from 'discord-api-types/v10';
import { discordTime, truncate } from '../logic/format';
import { COLORS } from './components';
import { shownName, type CategoryNames } from './names';

export interface StatusInput {
  readonly names: CategoryNames;
  readonly now: number;
  /** Credited time (finished sessions) in the guild's zone. */
  readonly totals: {
    readonly todayMs: number;
    readonly weekMs: number;
    readonly monthMs: number;
    readonly allTimeMs: number;
    readonly topCategories: readonly { readonly category: string; readonly ms: number }[];
  };
  /** The running session and how much of it falls today / this week, if clocked in. */
  readonly active: {
    readonly category: string;
    readonly start: number;
    readonly todayMs: number;
    readonly weekMs: number;
  } | null;
  /** The server's pay currency; null = pay not set up. */
  readonly currency: string | null;
  /** Finished time, pay and target of the current week and month. */
  readonly standings: readonly PeriodStanding[];
}

/** Decimal hours, pay and target progress of the week and month (finished sessions). */
function payFields(input: StatusInput): APIEmbedField[] {
  return input.standings.map(({ period, total, target }) => {
    const lines = [`${formatDecimalHours(total.ms)} h`];
    if (input.currency && total.ms > total.unpaidMs)
      lines.push(`💰 ${formatMoney(total.pay, input.currency)}`);
    if (target) {
      const goal = target.minutes * 60_000;
      const pct = Math.floor((100 * total.ms) / goal);
      lines.push(`🎯 ${formatDecimalHours(total.ms)} / ${formatDecimalHours(goal)} h (${pct}%)`);
    }
    return {
      name: period === 'week' ? 'Week (finished)' : 'Month (finished)',
      value: lines.join('\n'),
      inline: true,
    };
  });
}

export function statusEmbed(input: StatusInput): APIEmbed {
  const { totals, active } = input;
  if (active) {
    const running = Math.max(0, input.now - active.start);
    return {
      title: '⏱️ On the clock',
      color: COLORS.info,
      description: `Clocked into **${shownName(input.names, active.category)}** since ${discordTime(active.start, 'f')} (${discordTime(active.start, 'R')}).`,
      fields: [
        { name: 'This session', value: formatDuration(running), inline: true },
        { name: 'Today', value: formatDuration(totals.todayMs + active.todayMs), inline: true },
        { name: 'This week', value: formatDuration(totals.weekMs + active.weekMs), inline: true },
        ...payFields(input),
      ],
      footer: { text: 'Today and this week include the running session.' },
    };
  }
  if (totals.allTimeMs === 0) {
    return {
      title: '📊 Your time',
      color: COLORS.neutral,
      description: "You haven't tracked any time here yet. Start with `/clockin`.",
    };
  }
  const fields: APIEmbedField[] = [
    { name: 'Today', value: formatDuration(totals.todayMs), inline: true },
    { name: 'This week', value: formatDuration(totals.weekMs), inline: true },
    { name: 'This month', value: formatDuration(totals.monthMs), inline: true },
    { name: 'All time', value: formatDuration(totals.allTimeMs), inline: true },
    ...payFields(input),
  ];
  if (totals.topCategories.length > 0) {
    const lines = totals.topCategories
      .slice(0, 5)
      .map(({ category, ms }) => `**${shownName(input.names, category)}** — ${formatDuration(ms)}`);
    fields.push({ name: 'Top categories', value: truncate(lines.join('\n'), 1024), inline: false });
  }
  return {
    title: '📊 Your time',
    color: COLORS.info,
    description: "You're not clocked in.",
    fields,
  };
}
