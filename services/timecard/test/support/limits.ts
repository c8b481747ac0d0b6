/** Checks a message body against Discord's documented limits (the emulator enforces the same). */
import { DISCORD_LIMITS } from '@timekeeper/contracts';
import type { MessageBody } from '../../src/views/components';

export function limitProblems(body: MessageBody): string[] {
  const problems: string[] = [];
  const L = DISCORD_LIMITS;
  if ((body.content ?? '').length > L.content) problems.push(`content ${body.content!.length}`);
  const embeds = body.embeds ?? [];
  if (embeds.length > L.embedsPerMessage) problems.push('too many embeds');
  let total = 0;
  for (const embed of embeds) {
    const count = (text: string | undefined, max: number, what: string): void => {
      const n = text?.length ?? 0;
      total += n;
      if (n > max) problems.push(`${what} ${n} > ${max}`);
    };
    count(embed.title, L.embedTitle, 'title');
    count(embed.description, L.embedDescription, 'description');
    count(embed.footer?.text, L.embedFooterText, 'footer');
    count(embed.author?.name, L.embedAuthorName, 'author');
    if ((embed.fields ?? []).length > L.embedFields) problems.push('too many fields');
    for (const field of embed.fields ?? []) {
      count(field.name, L.embedFieldName, 'field name');
      count(field.value, L.embedFieldValue, 'field value');
      if (field.value.length === 0) problems.push('empty field value');
    }
  }
  if (total > L.embedTotal) problems.push(`embed total ${total}`);
  const rows = body.components ?? [];
  if (rows.length > L.actionRows) problems.push('too many rows');
  const ids = new Set<string>();
  for (const row of rows) {
    if (row.components.length > L.componentsPerRow) problems.push('too many components in a row');
    for (const component of row.components) {
      if ('custom_id' in component) {
        if (component.custom_id.length > L.customId) problems.push(`custom_id ${component.custom_id.length}`);
        if (ids.has(component.custom_id)) problems.push(`duplicate custom_id ${component.custom_id}`);
        ids.add(component.custom_id);
      }
      if ('label' in component && (component.label?.length ?? 0) > L.label) problems.push('button label');
      if ('options' in component && component.options) {
        if (component.options.length > L.selectOptions) problems.push('too many options');
        for (const option of component.options) {
          if (option.label.length > L.selectOptionLabel) problems.push('option label');
          if (option.value.length > L.selectOptionValue) problems.push('option value');
          if ((option.description?.length ?? 0) > L.selectOptionDescription)
            problems.push('option description');
        }
      }
    }
  }
  return problems;
}
