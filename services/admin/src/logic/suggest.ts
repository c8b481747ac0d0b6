/** Autocomplete ranking shared by category names and time zones. Pure. */
import { DISCORD_LIMITS } from '@timekeeper/contracts';

export interface Choice {
  readonly name: string;
  readonly value: string;
}

const fold = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[\s_/-]+/g, ' ')
    .trim();

/**
 * Choices matching what the user typed: whole-name prefix first, then a word prefix, then anywhere;
 * alphabetical within each group. Empty input returns the first choices in the given order.
 */
export function suggest(
  choices: readonly Choice[],
  typed: string,
  limit: number = DISCORD_LIMITS.autocompleteChoices,
): Choice[] {
  const query = fold(typed);
  const max = Math.min(limit, DISCORD_LIMITS.autocompleteChoices);
  if (query === '') return choices.slice(0, max);
  const ranked: { choice: Choice; rank: number }[] = [];
  for (const choice of choices) {
    const name = fold(choice.name);
    const value = fold(choice.value);
    let rank = -1;
    if (name.startsWith(query) || value.startsWith(query)) rank = 0;
    else if (` ${name}`.includes(` ${query}`) || ` ${value}`.includes(` ${query}`)) rank = 1;
    else if (name.includes(query) || value.includes(query)) rank = 2;
    if (rank >= 0) ranked.push({ choice, rank });
  }
  return ranked
    .sort((a, b) => a.rank - b.rank || a.choice.name.localeCompare(b.choice.name))
    .slice(0, max)
    .map((r) => r.choice);
}
