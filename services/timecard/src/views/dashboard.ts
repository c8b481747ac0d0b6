/** The shared dashboard (a public message per channel), the personal one, and the category menu. */
import { ComponentType, type APIEmbed, type APISelectMenuOption } from 'discord-api-types/v10';
import { DISCORD_LIMITS } from '@timekeeper/contracts';
import { truncate } from '../logic/format';
import { button, ButtonStyle, COLORS, row, type ActionRow, type MessageBody } from './components';
import { statusEmbed, type StatusInput } from './status';
import { rawName, type CategoryNames } from './names';
import { whoLine, WHO_PAGE_SIZE, type WhoSession } from './whoclocked';

export interface DashboardIds {
  readonly clockIn: string;
  readonly clockOut: string;
  readonly stats: string;
  readonly who: string;
}

export function dashboardButtons(ids: DashboardIds): ActionRow {
  return row(
    button(ids.clockIn, 'Clock in', ButtonStyle.Success, { emoji: '⏰' }),
    button(ids.clockOut, 'Clock out', ButtonStyle.Danger, { emoji: '🛑' }),
    button(ids.stats, 'My stats', ButtonStyle.Primary, { emoji: '📊' }),
    button(ids.who, "Who's clocked in", ButtonStyle.Secondary, { emoji: '👥' }),
  );
}

export interface SharedDashboardInput {
  readonly names: CategoryNames;
  /** Longest first. */
  readonly sessions: readonly WhoSession[];
  readonly now: number;
  readonly ids: DashboardIds;
}

export function sharedDashboardView(input: SharedDashboardInput): MessageBody {
  const shown = input.sessions.slice(0, WHO_PAGE_SIZE).map((s, i) => whoLine(input.names, s, i + 1));
  const more = input.sessions.length - shown.length;
  const intro = 'Press **Clock in** to start and **Clock out** when you are done. Only you see the answers.';
  const list =
    shown.length === 0
      ? 'Nobody right now.'
      : shown.join('\n') + (more > 0 ? `\n…and ${more} more (press **Who's clocked in**).` : '');
  const embed: APIEmbed = {
    title: '⏰ Time tracking',
    color: COLORS.info,
    description: truncate(`${intro}\n\n**Clocked in now (${input.sessions.length})**\n${list}`, 4096),
    footer: { text: 'Updates automatically as people clock in and out' },
    timestamp: new Date(input.now).toISOString(),
  };
  return { embeds: [embed], components: [dashboardButtons(input.ids)] };
}

export function personalDashboardView(input: StatusInput & { readonly ids: DashboardIds }): MessageBody {
  const embed = statusEmbed(input);
  return {
    embeds: [{ ...embed, title: `🗂️ Your dashboard · ${embed.title ?? ''}`.trim() }],
    components: [dashboardButtons(input.ids)],
  };
}

export interface CategoryMenuInput {
  readonly names: CategoryNames;
  /** Active categories, in the order to offer them. */
  readonly categories: readonly { readonly key: string; readonly description: string }[];
  readonly customId: string;
}

export function categoryMenuView(input: CategoryMenuInput): MessageBody {
  const offered = input.categories.slice(0, DISCORD_LIMITS.selectOptions);
  const options: APISelectMenuOption[] = offered.map((c) => {
    const option: APISelectMenuOption = {
      label: truncate(rawName(input.names, c.key), DISCORD_LIMITS.selectOptionLabel),
      value: c.key,
    };
    if (c.description.trim()) {
      option.description = truncate(c.description.trim(), DISCORD_LIMITS.selectOptionDescription);
    }
    return option;
  });
  const more =
    input.categories.length > offered.length
      ? ` Showing ${offered.length} of ${input.categories.length}; use \`/clockin\` for the others.`
      : '';
  return {
    content: `Pick a category to clock into.${more}`,
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.StringSelect,
            custom_id: input.customId,
            placeholder: 'Choose a category',
            min_values: 1,
            max_values: 1,
            options,
          },
        ],
      },
    ],
  };
}
