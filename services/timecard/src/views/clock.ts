/** Answers of clocking in, out and switching. Pure: everything they show is passed in. */
import { formatDuration } from '@timekeeper/contracts';
import type { APIEmbed } from 'discord-api-types/v10';
import { discordTime, plain, truncate, colorOf } from '../logic/format';
import { button, ButtonStyle, COLORS, row, type MessageBody } from './components';
import { rawName, shownName, type CategoryNames } from './names';

const ROLE_PENDING = 'Your clock-in role will be updated shortly.';

export interface ClockedInInput {
  readonly names: CategoryNames;
  readonly category: string;
  readonly start: number;
  readonly description?: string | undefined;
  readonly rolesPending: boolean;
}

export function clockedInView(input: ClockedInInput): MessageBody {
  const embed: APIEmbed = {
    title: '⏰ Clocked in',
    color: colorOf(input.names.get(input.category)?.color, COLORS.success),
    description: truncate(
      `You're clocked into **${shownName(input.names, input.category)}** since ${discordTime(input.start, 't')} (${discordTime(input.start, 'R')}).` +
        (input.rolesPending ? `\n${ROLE_PENDING}` : ''),
      4096,
    ),
    footer: { text: 'Use /clockout when you are done, or /status to see your time.' },
  };
  if (input.description) embed.fields = [{ name: 'Note', value: truncate(plain(input.description), 1024) }];
  return { embeds: [embed] };
}

export interface AlreadyClockedInInput {
  readonly names: CategoryNames;
  readonly current: { readonly category: string; readonly start: number };
  /** The category asked for, when it differs from the current one: offered as a switch. */
  readonly requested: string | null;
  readonly ids: { readonly switchTo: string | null; readonly clockOut: string };
}

export function alreadyClockedInView(input: AlreadyClockedInInput): MessageBody {
  const { current, requested } = input;
  const since = `${discordTime(current.start, 'R')} (${discordTime(current.start, 'f')})`;
  const next =
    requested !== null && input.ids.switchTo !== null
      ? ` Switch to **${shownName(input.names, requested)}**, or clock out?`
      : ' Clock out first if you want to start a new session.';
  const buttons = [];
  if (requested !== null && input.ids.switchTo !== null) {
    buttons.push(
      button(input.ids.switchTo, `Switch to ${rawName(input.names, requested)}`, ButtonStyle.Primary, {
        emoji: '🔀',
      }),
    );
  }
  buttons.push(button(input.ids.clockOut, 'Clock out', ButtonStyle.Danger, { emoji: '🛑' }));
  return {
    content: truncate(
      `You're already clocked into **${shownName(input.names, current.category)}**, since ${since}.${next}`,
      2000,
    ),
    components: [row(...buttons)],
  };
}

export interface UnknownCategoryInput {
  readonly input: string;
  /** The archived category the input named, if it did. */
  readonly archived: string | null;
  readonly suggestions: readonly string[];
  /** Active category keys (shown when there is nothing to suggest). */
  readonly available: readonly string[];
  readonly names: CategoryNames;
}

export function unknownCategoryView(input: UnknownCategoryInput): MessageBody {
  const bold = (key: string): string => `**${shownName(input.names, key)}**`;
  const head =
    input.archived !== null
      ? `${bold(input.archived)} is archived, so it no longer takes clock-ins.`
      : `There's no category called **${plain(truncate(input.input.trim(), 60))}** here.`;
  let tail = '';
  if (input.suggestions.length > 0) {
    const list = input.suggestions.map(bold);
    const joined = list.length === 1 ? list[0]! : `${list.slice(0, -1).join(', ')} or ${list.at(-1)!}`;
    tail = ` Did you mean ${joined}?`;
  } else if (input.available.length > 0) {
    const shown = input.available.slice(0, 10).map((key) => shownName(input.names, key));
    const more = input.available.length > shown.length ? `, … (${input.available.length} in all)` : '';
    tail = `\nAvailable: ${shown.join(', ')}${more}.`;
  }
  return { content: truncate(`${head}${tail} Nothing was changed.`, 2000) };
}

export const NO_CATEGORIES =
  'This server has no categories to clock into yet. A manager can add one with `/admin categories add`.';

export const NOT_CLOCKED_IN = "You're not clocked in, so there's nothing to end. Start with `/clockin`.";

/** A write accepted while storage catches up (it is durable and will be applied shortly). */
export function savedLaterView(what: 'clock-in' | 'clock-out' | 'switch' | 'forced clock-out'): MessageBody {
  return {
    content: `Saved. Your ${what} is recorded and will show up in your totals in a moment (storage is catching up).`,
  };
}

export interface ClockedOutInput {
  readonly names: CategoryNames;
  readonly session: {
    readonly category: string;
    readonly start: number;
    readonly end: number;
    readonly durationMs: number;
  };
  readonly capped: boolean;
  readonly maxSessionMs: number;
  /** Totals after this session, in the guild's time zone; null when they could not be read. */
  readonly totals: { readonly todayMs: number; readonly weekMs: number } | null;
  readonly rolesPending: boolean;
}

export function clockedOutView(input: ClockedOutInput): MessageBody {
  const { session } = input;
  const lines: string[] = [];
  if (input.capped) {
    lines.push(
      `⚠️ This session ran past the server's maximum of ${formatDuration(input.maxSessionMs)}, so ${formatDuration(session.durationMs)} was credited and a manager can review it.`,
    );
  }
  if (input.rolesPending) lines.push(ROLE_PENDING);
  const fields = [
    { name: 'Category', value: shownName(input.names, session.category), inline: true },
    { name: 'Duration', value: formatDuration(session.durationMs), inline: true },
    {
      name: 'Session',
      value: `${discordTime(session.start, 'f')} → ${discordTime(session.end, 'f')}`,
      inline: false,
    },
  ];
  if (input.totals) {
    fields.push(
      { name: 'Today', value: formatDuration(input.totals.todayMs), inline: true },
      { name: 'This week', value: formatDuration(input.totals.weekMs), inline: true },
    );
  }
  const embed: APIEmbed = {
    title: '✅ Clocked out',
    color: input.capped ? COLORS.warning : COLORS.success,
    fields,
  };
  if (lines.length > 0) embed.description = lines.join('\n');
  return { embeds: [embed] };
}

export interface SwitchedInput {
  readonly names: CategoryNames;
  readonly closed: { readonly category: string; readonly durationMs: number };
  readonly capped: boolean;
  readonly opened: { readonly category: string; readonly start: number };
  readonly rolesPending: boolean;
}

export function switchedView(input: SwitchedInput): MessageBody {
  const from = shownName(input.names, input.closed.category);
  const to = shownName(input.names, input.opened.category);
  const lines = [
    `Saved ${formatDuration(input.closed.durationMs)} in **${from}**${input.capped ? ' (capped at the maximum session length)' : ''}.`,
    `You're now clocked into **${to}** since ${discordTime(input.opened.start, 't')} (${discordTime(input.opened.start, 'R')}).`,
  ];
  if (input.rolesPending) lines.push(ROLE_PENDING);
  return {
    embeds: [
      {
        title: '🔀 Switched category',
        color: colorOf(input.names.get(input.opened.category)?.color, COLORS.info),
        description: truncate(lines.join('\n'), 4096),
      },
    ],
  };
}
