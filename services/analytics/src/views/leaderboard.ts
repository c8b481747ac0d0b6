/** The leaderboard message: a page of ranks, the viewer's own place, Previous/Next. Pure. */
import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
} from 'discord-api-types/v10';
import type { BoardEntry } from '@timekeeper/storage';
import { formatDuration } from './format';

export interface LeaderboardView {
  /** e.g. "This week (from 2024-03-04)" */
  readonly periodLabel: string;
  readonly categoryLabel: string | null;
  readonly entries: readonly BoardEntry[];
  readonly size: number;
  readonly own: BoardEntry | null;
  readonly viewerId: string;
  /** Members on the page who left the server: shown by id (a mention would read "unknown"). */
  readonly departed: ReadonlySet<string>;
  /** Members on the page who hid themselves from others (never the viewer). */
  readonly hidden: ReadonlySet<string>;
  readonly page: number;
  readonly limit: number;
  /** Private boards show other members without their names. */
  readonly anonymous: boolean;
  readonly previousId: string | null;
  readonly nextId: string | null;
  /** Why the board cannot be shown (e.g. being rebuilt); replaces the list. */
  readonly notice?: string;
}

const MEDALS = ['🥇', '🥈', '🥉'];

function line(e: BoardEntry, view: LeaderboardView): string {
  const who =
    (view.anonymous || view.hidden.has(e.userId)) && e.userId !== view.viewerId
      ? 'a member'
      : view.departed.has(e.userId)
        ? `member \`${e.userId}\` (left the server)`
        : `<@${e.userId}>`;
  const mark = e.userId === view.viewerId ? ' ← you' : '';
  return `${MEDALS[e.rank - 1] ?? `**${e.rank}.**`} ${who} — ${formatDuration(e.ms)}${mark}`;
}

export function leaderboardView(view: LeaderboardView): {
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
} {
  const title = `🏆 Leaderboard — ${view.periodLabel}${view.categoryLabel ? ` · ${view.categoryLabel}` : ''}`;
  let description: string;
  if (view.notice) description = view.notice;
  else if (view.size === 0) description = 'Nobody tracked any time in this period yet.';
  else if (view.entries.length === 0)
    description = `This page is past the end of the board (${view.size} members).`;
  else description = view.entries.map((e) => line(e, view)).join('\n');
  const onPage = view.own && view.entries.some((e) => e.userId === view.viewerId);
  const fields =
    view.notice || view.size === 0
      ? []
      : [
          {
            name: 'Your place',
            value: view.own
              ? onPage
                ? `#${view.own.rank} of ${view.size} — ${formatDuration(view.own.ms)} (on this page)`
                : `#${view.own.rank} of ${view.size} — ${formatDuration(view.own.ms)}`
              : 'No tracked time in this period yet.',
          },
        ];
  const pages = Math.max(1, Math.ceil(view.size / view.limit));
  const embeds: APIEmbed[] = [
    {
      title,
      description,
      color: 0xf1c40f,
      fields,
      footer: { text: `Page ${view.page + 1} of ${pages} · ties go to whoever reached the time first` },
    },
  ];
  const button = (label: string, id: string | null, fallback: string): APIButtonComponent => ({
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    label,
    custom_id: id ?? fallback,
    disabled: id === null,
  });
  const components: APIActionRowComponent<APIButtonComponent>[] =
    view.previousId || view.nextId
      ? [
          {
            type: ComponentType.ActionRow,
            components: [
              button('◀ Previous', view.previousId, 'analytics:noop-prev'),
              button('Next ▶', view.nextId, 'analytics:noop-next'),
            ],
          },
        ]
      : [];
  return { embeds, components };
}
