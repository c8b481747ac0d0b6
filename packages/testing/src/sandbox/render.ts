import type {
  APIActionRowComponent,
  APIEmbed,
  APIMessage,
  APIComponentInMessageActionRow,
} from 'discord-api-types/v10';
import { formatDuration } from '@timekeeper/contracts';

/** Discord timestamps `<t:unix:style>` as readable UTC text and `<@id>` as `@name`, as a client shows them. */
export function renderTimestamps(
  text: string,
  now: number = Date.now(),
  userNames: Readonly<Record<string, string>> = {},
): string {
  return text
    .replace(/<@!?(\d+)>/g, (mention, id: string) => (userNames[id] ? `@${userNames[id]}` : mention))
    .replace(/<t:(-?\d+)(?::([tTdDfFR]))?>/g, (_all, seconds: string, style?: string) => {
      const at = Number(seconds) * 1000;
      if (style === 'R') return relative(at - now);
      const iso = new Date(at).toISOString();
      return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
    });
}

function relative(deltaMs: number): string {
  const span = formatDuration(Math.abs(deltaMs));
  return deltaMs >= 0 ? `in ${span}` : `${span} ago`;
}

/** What a sandbox user sees of a bot message: text, embeds and the controls they can use. */
export function renderMessage(
  message: Pick<APIMessage, 'content' | 'embeds' | 'components' | 'flags'>,
  now?: number,
  userNames: Readonly<Record<string, string>> = {},
): string {
  const lines: string[] = [];
  if (((message.flags ?? 0) & 64) !== 0) lines.push('(only you can see this)');
  if (message.content) lines.push(renderTimestamps(message.content, now, userNames));
  for (const embed of message.embeds ?? []) lines.push(...renderEmbed(embed, now, userNames));
  for (const row of (message.components ?? []) as APIActionRowComponent<APIComponentInMessageActionRow>[]) {
    const controls = (row.components ?? []).map((component) => {
      if ('label' in component && component.label) return `[${component.label}]`;
      if ('options' in component && component.options) {
        return `<select: ${component.options.map((option) => option.label).join(' | ')}>`;
      }
      return '[…]';
    });
    if (controls.length > 0) lines.push(controls.join(' '));
  }
  return lines.join('\n');
}

function renderEmbed(
  embed: APIEmbed,
  now: number | undefined,
  userNames: Readonly<Record<string, string>>,
): string[] {
  const lines: string[] = [];
  if (embed.title) lines.push(`== ${renderTimestamps(embed.title, now, userNames)} ==`);
  if (embed.description) lines.push(renderTimestamps(embed.description, now, userNames));
  for (const field of embed.fields ?? [])
    lines.push(`${field.name}: ${renderTimestamps(field.value, now, userNames)}`);
  if (embed.footer?.text) lines.push(`-- ${embed.footer.text}`);
  return lines;
}

/** Finds the custom_id of a button or select on the message by its label (case-insensitive). */
export function findComponent(
  message: Pick<APIMessage, 'components'>,
  label: string,
): { customId: string; kind: 'button' | 'select'; values?: string[] } | undefined {
  const wanted = label.toLowerCase();
  for (const row of (message.components ?? []) as APIActionRowComponent<APIComponentInMessageActionRow>[]) {
    for (const component of row.components ?? []) {
      if ('custom_id' in component && 'label' in component && component.label?.toLowerCase() === wanted) {
        return { customId: component.custom_id, kind: 'button' };
      }
      if ('custom_id' in component && 'options' in component && component.options) {
        const option = component.options.find(
          (o) => o.label.toLowerCase() === wanted || o.value.toLowerCase() === wanted,
        );
        if (option) return { customId: component.custom_id, kind: 'select', values: [option.value] };
      }
    }
  }
  return undefined;
}
