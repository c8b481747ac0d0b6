/** The `/admin categories list` page: an embed of categories with ◀ ▶ buttons. Pure. */
import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
} from 'discord-api-types/v10';
import { DISCORD_LIMITS } from '@timekeeper/contracts';
import type { Category } from '@timekeeper/storage';
import { plain, truncate } from './text';

export const CATEGORIES_PER_PAGE = 8;
export const LIST_PAGE_ACTION = 'cat-page';
const DEFAULT_COLOR = 0x5865f2;

export interface ListRequest {
  readonly guildId: string;
  readonly archived: boolean;
  /** Zero-based; clamped to the pages that exist. */
  readonly page: number;
}

/** Signs a page button's custom_id (the codec is IO-free but needs the secret, so it is passed in). */
export type PageIdEncoder = (args: readonly string[]) => string;

export interface ListView {
  readonly embeds: APIEmbed[];
  readonly components: APIActionRowComponent<APIButtonComponent>[];
}

export function pageCount(items: number): number {
  return Math.max(1, Math.ceil(items / CATEGORIES_PER_PAGE));
}

export function clampPage(page: number, items: number): number {
  if (!Number.isSafeInteger(page) || page < 0) return 0;
  return Math.min(page, pageCount(items) - 1);
}

/** `[guildId, archived 0|1, page, direction]` — the direction keeps ◀ and ▶ ids distinct. */
export function pageButtonArgs(
  guildId: string,
  archived: boolean,
  page: number,
  direction: 'p' | 'n',
): string[] {
  return [guildId, archived ? '1' : '0', String(page), direction];
}

export function parsePageButtonArgs(
  args: readonly string[],
): { guildId: string; archived: boolean; page: number } | null {
  const [guildId, archived, page, direction] = args;
  if (args.length !== 4 || !guildId || !/^\d{1,20}$/.test(guildId)) return null;
  if ((archived !== '0' && archived !== '1') || (direction !== 'p' && direction !== 'n')) return null;
  if (!page || !/^\d{1,4}$/.test(page)) return null;
  return { guildId, archived: archived === '1', page: Number(page) };
}

function colorOf(hex: string | undefined): number {
  return hex && /^#[0-9a-f]{6}$/i.test(hex) ? Number.parseInt(hex.slice(1), 16) : DEFAULT_COLOR;
}

function weightText(weight: number): string {
  return Number.isInteger(weight) ? String(weight) : String(Math.round(weight * 100) / 100);
}

function categoryField(category: Category): { name: string; value: string } {
  const name = `${category.displayName}${category.archived ? ' · archived' : ''}`;
  const description = category.description.trim() === '' ? '—' : category.description;
  const details = `Colour \`${category.color}\` · weight ${weightText(category.productivityWeight)}`;
  return {
    name: truncate(name, DISCORD_LIMITS.embedFieldName),
    value: truncate(`${description}\n${details}`, DISCORD_LIMITS.embedFieldValue),
  };
}

/** Builds one page. `all` is every category of the guild (active and archived). */
export function categoryListView(
  all: readonly Category[],
  request: ListRequest,
  encode: PageIdEncoder,
): ListView {
  const active = all.filter((c) => !c.archived);
  const archived = all.filter((c) => c.archived);
  const shown = [...(request.archived ? archived : active)].sort((a, b) => a.key.localeCompare(b.key));
  const pages = pageCount(shown.length);
  const page = clampPage(request.page, shown.length);
  const slice = shown.slice(page * CATEGORIES_PER_PAGE, (page + 1) * CATEGORIES_PER_PAGE);
  const title = `${request.archived ? 'Archived categories' : 'Categories'}${pages > 1 ? ` — page ${page + 1} of ${pages}` : ''}`;
  const embed: APIEmbed = {
    title,
    color: colorOf(slice[0]?.color),
    footer: {
      text: `${active.length} active · ${archived.length} archived${request.archived ? '' : ' · archived ones keep all their tracked time'}`,
    },
  };
  if (slice.length === 0) {
    embed.description = request.archived
      ? 'No archived categories.'
      : 'No categories yet. Add one with `/admin categories add`.';
  } else {
    embed.fields = slice.map(categoryField);
  }
  const components: ListView['components'] = [];
  if (pages > 1) {
    const button = (
      label: string,
      target: number,
      direction: 'p' | 'n',
      disabled: boolean,
    ): APIButtonComponent => ({
      type: ComponentType.Button,
      style: ButtonStyle.Secondary,
      label,
      custom_id: encode(pageButtonArgs(request.guildId, request.archived, target, direction)),
      disabled,
    });
    components.push({
      type: ComponentType.ActionRow,
      components: [
        button('◀ Previous', Math.max(0, page - 1), 'p', page === 0),
        button('Next ▶', Math.min(pages - 1, page + 1), 'n', page >= pages - 1),
      ],
    });
  }
  return { embeds: [embed], components };
}

/** A category name as text in a reply. */
export const categoryName = (category: Pick<Category, 'displayName'>): string =>
  `**${plain(category.displayName)}**`;
