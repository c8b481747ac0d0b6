/** Small builders for message components and the body type every view returns. */
import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  type APIStringSelectComponent,
} from 'discord-api-types/v10';
import { DISCORD_LIMITS } from '@timekeeper/contracts';
import { truncate } from '../logic/format';

export type ActionRow = APIActionRowComponent<APIComponentInMessageActionRow>;

/** What a view produces: a message body without flags (the caller decides ephemeral, public or update). */
export interface MessageBody {
  content?: string;
  embeds?: APIEmbed[];
  components?: ActionRow[];
}

export const COLORS = {
  success: 0x2ecc71,
  info: 0x5865f2,
  neutral: 0x95a5a6,
  warning: 0xf39c12,
  danger: 0xe74c3c,
} as const;

export function button(
  customId: string,
  label: string,
  style: ButtonStyle.Primary | ButtonStyle.Secondary | ButtonStyle.Success | ButtonStyle.Danger,
  options: { emoji?: string; disabled?: boolean } = {},
): APIButtonComponentWithCustomId {
  return {
    type: ComponentType.Button,
    custom_id: customId,
    label: truncate(label, DISCORD_LIMITS.label),
    style,
    ...(options.emoji ? { emoji: { name: options.emoji } } : {}),
    ...(options.disabled ? { disabled: true } : {}),
  };
}

export function row(...components: (APIButtonComponentWithCustomId | APIStringSelectComponent)[]): ActionRow {
  return { type: ComponentType.ActionRow, components };
}

export { ButtonStyle };
