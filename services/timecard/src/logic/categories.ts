/**
 * Category lookup for typed input: exact match, autocomplete ranking and "did you mean" suggestions.
 * Names compare case-insensitively on the normalised key (lower case, trimmed, inner spaces collapsed).
 */
import { distance } from 'fastest-levenshtein';
import { normaliseCategory, type Category } from '@timekeeper/storage';

export type CategoryLike = Pick<Category, 'key' | 'displayName' | 'archived'>;

/** The category the user meant (archived ones included, so the caller can say so), or undefined. */
export function findCategory<C extends CategoryLike>(categories: readonly C[], input: string): C | undefined {
  const key = normaliseCategory(input);
  return categories.find((c) => c.key === key || normaliseCategory(c.displayName) === key);
}

/**
 * Autocomplete: active categories matching what is typed, most relevant first — exact, then prefix of
 * the name, then prefix of a word, then anywhere — alphabetical within each group; at most `limit`.
 */
export function rankForAutocomplete<C extends CategoryLike>(
  categories: readonly C[],
  typed: string,
  limit = 25,
): C[] {
  const query = normaliseCategory(typed);
  const scored: { category: C; score: number }[] = [];
  for (const category of categories) {
    if (category.archived) continue;
    const score = matchScore(category, query);
    if (score !== null) scored.push({ category, score });
  }
  return scored
    .sort((a, b) => a.score - b.score || a.category.key.localeCompare(b.category.key))
    .slice(0, limit)
    .map((s) => s.category);
}

function matchScore(category: CategoryLike, query: string): number | null {
  if (query === '') return 3;
  const names = [category.key, normaliseCategory(category.displayName)];
  if (names.includes(query)) return 0;
  if (names.some((n) => n.startsWith(query))) return 1;
  if (names.some((n) => n.split(/[\s_-]+/).some((word) => word.startsWith(query)))) return 2;
  if (names.some((n) => n.includes(query))) return 3;
  return null;
}

/**
 * "Did you mean": up to `limit` active categories nearest to the input. A category containing the
 * input (or contained in it) comes first; otherwise edit distance decides, and only close names count
 * (at most a third of the longer name's length, minimum 2 edits).
 */
export function suggestCategories<C extends CategoryLike>(
  categories: readonly C[],
  input: string,
  limit = 3,
): C[] {
  const query = normaliseCategory(input);
  if (query === '') return [];
  const ranked: { category: C; score: number }[] = [];
  for (const category of categories) {
    if (category.archived) continue;
    const key = category.key;
    if (key.includes(query) || query.includes(key)) {
      ranked.push({ category, score: -1 + Math.abs(key.length - query.length) / 1000 });
      continue;
    }
    const edits = distance(query, key);
    const allowed = Math.max(2, Math.floor(Math.max(query.length, key.length) / 3));
    if (edits <= allowed) ranked.push({ category, score: edits });
  }
  return ranked
    .sort((a, b) => a.score - b.score || a.category.key.localeCompare(b.category.key))
    .slice(0, limit)
    .map((r) => r.category);
}
