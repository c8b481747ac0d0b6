/** Who is clocked in right now: longest first, ten per page, with ◀ ▶ buttons. */
import type { APIEmbed } from 'discord-api-types/v10';
import { discordTime, truncate, userMention } from '../logic/format';
import { button, ButtonStyle, COLORS, row, type MessageBody } from './components';
import { shownName, type CategoryNames } from './names';

export const WHO_PAGE_SIZE = 10;

export interface WhoSession {
  readonly userId: string;
  readonly category: string;
  readonly start: number;
}

export function pageCount(total: number): number {
  return Math.max(1, Math.ceil(total / WHO_PAGE_SIZE));
}

/** Clamps a requested page to the pages that exist now (people clock in and out between clicks). */
export function clampPage(page: number, total: number): number {
  if (!Number.isFinite(page)) return 0;
  return Math.min(Math.max(0, Math.floor(page)), pageCount(total) - 1);
}

export function whoLine(names: CategoryNames, session: WhoSession, rank: number): string {
  return `**${rank}.** ${userMention(session.userId)} — ${shownName(names, session.category)} — since ${discordTime(session.start, 'R')}`;
}

export interface WhoClockedInput {
  readonly names: CategoryNames;
  /** Longest first. */
  readonly sessions: readonly WhoSession[];
  readonly page: number;
  readonly pageId: (page: number) => string;
}

export function whoClockedView(input: WhoClockedInput): MessageBody {
  const total = input.sessions.length;
  if (total === 0) {
    return {
      embeds: [
        { title: '👥 Clocked in now', color: COLORS.neutral, description: 'Nobody is clocked in right now.' },
      ],
      components: [],
    };
  }
  const pages = pageCount(total);
  const page = clampPage(input.page, total);
  const first = page * WHO_PAGE_SIZE;
  const lines = input.sessions
    .slice(first, first + WHO_PAGE_SIZE)
    .map((session, i) => whoLine(input.names, session, first + i + 1));
  const embed: APIEmbed = {
    title: `👥 Clocked in now — ${total}`,
    color: COLORS.info,
    description: truncate(lines.join('\n'), 4096),
    footer: { text: `Page ${page + 1} of ${pages} · longest first` },
  };
  if (pages === 1) return { embeds: [embed], components: [] };
  return {
    embeds: [embed],
    components: [
      row(
        button(input.pageId(Math.max(0, page - 1)), 'Previous', ButtonStyle.Secondary, {
          emoji: '◀️',
          disabled: page === 0,
        }),
        button(input.pageId(page + 1), 'Next', ButtonStyle.Secondary, {
          emoji: '▶️',
          disabled: page >= pages - 1,
        }),
      ),
    ],
  };
}
