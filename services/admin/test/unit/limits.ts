import type { APIEmbed } from 'discord-api-types/v10';
import { DISCORD_LIMITS as L } from '@timekeeper/contracts';

/** Which of Discord's embed limits these embeds break (empty when none). */
export function embedWithinLimits(embeds: readonly APIEmbed[]): string[] {
  const problems: string[] = [];
  let total = 0;
  if (embeds.length > L.embedsPerMessage) problems.push('too many embeds');
  for (const embed of embeds) {
    const check = (what: string, text: string | undefined, max: number) => {
      if (text === undefined) return;
      total += text.length;
      if (text.length > max) problems.push(`${what} has ${text.length} > ${max}`);
      if (text.length === 0) problems.push(`${what} is empty`);
    };
    check('title', embed.title, L.embedTitle);
    check('description', embed.description, L.embedDescription);
    check('footer', embed.footer?.text, L.embedFooterText);
    if ((embed.fields?.length ?? 0) > L.embedFields) problems.push('too many fields');
    for (const field of embed.fields ?? []) {
      check('field name', field.name, L.embedFieldName);
      check('field value', field.value, L.embedFieldValue);
    }
  }
  if (total > L.embedTotal) problems.push(`total ${total} > ${L.embedTotal}`);
  return problems;
}
