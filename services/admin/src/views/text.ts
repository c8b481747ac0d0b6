/** Small helpers that keep text inside Discord's limits without cutting a mention or a word in half. */

/** Cuts `text` to at most `max` characters, ending with `…` when something was cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return text.slice(0, Math.max(0, max));
  return `${text.slice(0, max - 1).trimEnd()}…`;
}

/**
 * Joins whole lines until `max` characters; the lines that do not fit are summarised as
 * `…and N more`, which always fits as well.
 */
export function fitLines(lines: readonly string[], max: number, empty = '—'): string {
  if (lines.length === 0) return empty;
  const out: string[] = [];
  let length = 0;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const remaining = lines.length - index - 1;
    const tail = remaining > 0 ? `\n…and ${remaining} more`.length : 0;
    const added = (out.length > 0 ? 1 : 0) + line.length;
    if (length + added + tail > max) {
      const left = lines.length - index;
      const more = `…and ${left} more`;
      return out.length === 0 ? truncate(more, max) : `${out.join('\n')}\n${more}`;
    }
    out.push(line);
    length += added;
  }
  return out.join('\n');
}

/** Makes user-supplied text safe inside bold or code markers (no markdown breaking out, no mentions). */
export function plain(text: string): string {
  return text.replace(/([\\*_`~|])/g, '\\$1').replace(/@/g, '@\u200b');
}

export const roleMention = (id: string): string => `<@&${id}>`;
export const userMention = (id: string): string => `<@${id}>`;
export const channelMention = (id: string): string => `<#${id}>`;
