/** The /insights embeds. Pure. */
import type { APIEmbed } from 'discord-api-types/v10';
import type { Component } from '../logic/score';
import type { MemberInsights } from '../logic/insights';
import { formatDuration, hoursText, signedPct } from './format';

const NAMES: Record<Component['name'], string> = {
  consistency: 'Consistency',
  balance: 'Balance',
  timePatterns: 'Time patterns',
  sessionQuality: 'Session quality',
  focus: 'Focus',
  trend: 'Trend',
};

export function memberInsightsEmbed(input: {
  readonly userId: string;
  readonly periodDays: number;
  readonly insights: MemberInsights;
  readonly names: ReadonlyMap<string, string>;
  /** The forecast's lines, when there is one to show. */
  readonly forecast?: string;
  readonly chartFile: string;
  readonly chartSize: { width: number; height: number };
}): APIEmbed {
  const { insights: i } = input;
  const score =
    i.score.value === null ? `Not enough data yet — ${i.score.missing}` : `**${i.score.value}/100**`;
  const components = i.score.components
    .map((c) =>
      c.value === null
        ? `• ${NAMES[c.name]}: — (${c.missing})`
        : `• ${NAMES[c.name]}: **${c.value}** — ${c.reason}`,
    )
    .join('\n');
  const categories =
    i.categories
      .slice(0, 8)
      .map(
        (c) =>
          `• ${input.names.get(c.category) ?? c.category}: ${hoursText(c.ms)} (${c.share}%), ${c.changePct === null ? 'new this period' : `${signedPct(c.changePct)} vs before`}`,
      )
      .join('\n') || 'No tracked time in this period.';
  const cmp = i.comparison;
  const comparison = cmp
    ? `Rank **#${cmp.rank}** of ${cmp.members}` +
      (cmp.percentile === null
        ? ' (the only member with time)'
        : ` — more time than ${cmp.percentile}% of the others`) +
      `\nServer median ${hoursText(cmp.medianMs)}; you are ${cmp.vsMedianMs >= 0 ? `${hoursText(cmp.vsMedianMs)} above` : `${hoursText(-cmp.vsMedianMs)} below`} it`
    : 'No tracked time in this period, so no rank yet.';
  const s = i.streaks;
  const streak = `Current **${s.current}** day${s.current === 1 ? '' : 's'}${s.todayCounted ? ' (today counted)' : ''} · best ${s.best}`;
  return {
    title: `📈 Insights — last ${input.periodDays} days`,
    description: `<@${input.userId}> tracked **${formatDuration(i.totalMs)}**.\nProductivity score: ${score}`,
    color: 0x3498db,
    fields: [
      { name: 'Score components', value: clip(components) },
      { name: 'Streak', value: streak, inline: true },
      { name: 'Compared with the server', value: clip(comparison), inline: false },
      { name: 'Categories', value: clip(categories) },
      ...(input.forecast === undefined ? [] : [{ name: 'Next week', value: clip(input.forecast) }]),
      {
        name: 'Recommendations',
        value: clip(i.recommendations.map((r) => `• ${r}`).join('\n') || 'Nothing stands out: keep going.'),
      },
    ],
    image: {
      url: `attachment://${input.chartFile}`,
      width: input.chartSize.width,
      height: input.chartSize.height,
    },
    footer: { text: 'How each number is computed: the analytics README · completed sessions only' },
  };
}

export function clip(text: string, max = 1024): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
