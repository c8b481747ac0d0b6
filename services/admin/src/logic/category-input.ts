/** Checks `/admin categories add|edit` options before anything is written. Pure. */
import { TIMEKEEPER_LIMITS } from '@timekeeper/contracts';
import {
  checkCategoryName,
  normaliseCategory,
  type CategoryInput,
  type CategoryPatch,
} from '@timekeeper/storage';
import { FIELD_MESSAGES, invalidFieldMessage } from './rejections';

export type Parsed<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

export interface CategoryOptionValues {
  readonly name?: string | undefined;
  readonly newName?: string | undefined;
  readonly description?: string | undefined;
  readonly color?: string | undefined;
  readonly weight?: number | undefined;
}

/** `#3498db`, `3498DB` → `#3498db`; anything else is refused. */
export function parseColor(raw: string): Parsed<string> {
  const value = raw.trim();
  const hex = /^#?([0-9a-fA-F]{6})$/.exec(value);
  if (!hex) return { ok: false, message: FIELD_MESSAGES.color(value) };
  return { ok: true, value: `#${hex[1]!.toLowerCase()}` };
}

function parseName(raw: string | undefined): Parsed<string> {
  const checked = checkCategoryName(raw ?? '');
  if (!checked.ok) return { ok: false, message: invalidFieldMessage(checked, raw ?? '') };
  return { ok: true, value: checked.value.displayName };
}

interface Attributes {
  description?: string;
  color?: string;
  productivityWeight?: number;
}

function parseAttributes(values: CategoryOptionValues): Parsed<Attributes> {
  const out: Attributes = {};
  if (values.description !== undefined) {
    const description = values.description.trim();
    if (description.length > TIMEKEEPER_LIMITS.categoryDescription) {
      return { ok: false, message: FIELD_MESSAGES.description };
    }
    out.description = description;
  }
  if (values.color !== undefined) {
    const color = parseColor(values.color);
    if (!color.ok) return color;
    out.color = color.value;
  }
  if (values.weight !== undefined) {
    const weight = values.weight;
    if (
      !Number.isFinite(weight) ||
      weight < TIMEKEEPER_LIMITS.categoryWeightMin ||
      weight > TIMEKEEPER_LIMITS.categoryWeightMax
    ) {
      return { ok: false, message: FIELD_MESSAGES.weight };
    }
    out.productivityWeight = Math.round(weight * 100) / 100;
  }
  return { ok: true, value: out };
}

export function parseNewCategory(values: CategoryOptionValues): Parsed<CategoryInput> {
  const name = parseName(values.name);
  if (!name.ok) return name;
  const attributes = parseAttributes(values);
  if (!attributes.ok) return attributes;
  return { ok: true, value: { name: name.value, ...attributes.value } };
}

/**
 * The edit: at least one change. A new name renames the category (storage refuses another category's
 * name); its history stays with it, and the name it was created with remains an alias.
 */
export function parseCategoryEdit(
  values: CategoryOptionValues,
): Parsed<{ key: string; patch: CategoryPatch }> {
  const key = normaliseCategory(values.name ?? '');
  if (key === '') return { ok: false, message: FIELD_MESSAGES.nameEmpty };
  const attributes = parseAttributes(values);
  if (!attributes.ok) return attributes;
  const patch: { -readonly [K in keyof CategoryPatch]: CategoryPatch[K] } = { ...attributes.value };
  if (values.newName !== undefined) {
    const name = parseName(values.newName);
    if (!name.ok) return name;
    patch.displayName = name.value;
  }
  if (Object.keys(patch).length === 0) {
    return {
      ok: false,
      message: 'Nothing to change: give a `new_name`, `description`, `color` or `weight`.',
    };
  }
  return { ok: true, value: { key, patch } };
}
