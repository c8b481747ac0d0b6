/** Category display names for views: by key, with a readable fallback for unknown keys. */
import type { Category } from '@timekeeper/storage';
import { plain } from '../logic/format';

export type CategoryNames = ReadonlyMap<string, Pick<Category, 'key' | 'displayName' | 'color'>>;

export function categoryNames(
  categories: readonly Pick<Category, 'key' | 'displayName' | 'color'>[],
): CategoryNames {
  return new Map(categories.map((c) => [c.key, c]));
}

/** The name as typed by the admin, for plain text (button labels, menu options). */
export function rawName(names: CategoryNames, key: string): string {
  return names.get(key)?.displayName ?? key;
}

/** The name escaped for Markdown (inside messages and embeds). */
export function shownName(names: CategoryNames, key: string): string {
  return plain(rawName(names, key));
}
