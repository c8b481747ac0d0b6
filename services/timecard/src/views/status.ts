/** `/status`, "My stats" and the personal dashboard's summary. */
import { formatDuration } from '@timekeeper/contracts';
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
