import type { Redis } from 'ioredis';
import { CATEGORIES_REV_FIELD, keys } from '../model/keys';
import { rejected, type CategoryOutcome, type EnsureDefaultsOutcome } from '../model/outcomes';
import { TxPlan } from '../model/plan';
import type { Category, CategoryInput, CategoryPatch, DomainEvent, WriteContext } from '../model/types';
import {
  DEFAULT_CATEGORIES,
  MAX_ACTIVE_CATEGORIES,
  checkCategoryInput,
  checkCategoryPatch,
  checkContext,
  checkCategoryRef,
  checkIds,
  normaliseCategory,
} from '../model/validation';
import { parseJson, runWrite, type Backend, type CategoriesSnapshot, type WriteDone } from './backend';

export async function loadCategories(redis: Redis, guildId: string): Promise<CategoriesSnapshot> {
  const key = keys.categories(guildId);
  const all = await redis.hgetall(key);
  const byKey = new Map<string, Category>();
  let rev: string | null = null;
  for (const [field, value] of Object.entries(all)) {
    if (field === CATEGORIES_REV_FIELD) rev = value;
    else byKey.set(field, parseJson<Category>(key, value));
  }
  return { rev, byKey };
}

/** Categories sorted by display name; archived ones only on request. */
export function listCategories(snapshot: CategoriesSnapshot, includeArchived: boolean): Category[] {
  return [...snapshot.byKey.values()]
    .filter((c) => includeArchived || !c.archived)
    .sort((a, b) => a.key.localeCompare(b.key));
}

/**
 * The category a name means: its key (the name it was created with, which never changes and stays an
 * alias after a rename), or its current display name.
 */
function resolve(snapshot: CategoriesSnapshot, key: string): Category | undefined {
  return (
    snapshot.byKey.get(key) ??
    [...snapshot.byKey.values()].find((c) => normaliseCategory(c.displayName) === key)
  );
}

/** Another category already answers to `key` (by its key or its display name). */
function takenByOther(snapshot: CategoriesSnapshot, key: string, self: string | null): Category | undefined {
  return [...snapshot.byKey.values()].find(
    (c) => c.key !== self && (c.key === key || normaliseCategory(c.displayName) === key),
  );
}

const activeCount = (snapshot: CategoriesSnapshot): number =>
  [...snapshot.byKey.values()].filter((c) => !c.archived).length;

function changeEvent(guildId: string, ctx: WriteContext, category?: string): DomainEvent {
  return {
    type: 'category.changed',
    eventId: ctx.eventId,
    guildId,
    at: ctx.now,
    actor: ctx.actor,
    ...(category === undefined ? {} : { category }),
    ...(ctx.reason === undefined ? {} : { reason: ctx.reason }),
  };
}

/** A plan guarded on the categories' revision, so concurrent category edits never lose each other. */
function guardedPlan(guildId: string, snapshot: CategoriesSnapshot): TxPlan {
  return new TxPlan().guardHash(keys.categories(guildId), CATEGORIES_REV_FIELD, snapshot.rev);
}

function writeCategory(
  plan: TxPlan,
  guildId: string,
  ctx: WriteContext,
  before: Category | undefined,
  after: Category,
): CategoryOutcome {
  plan
    .op(['hset', keys.categories(guildId), after.key, JSON.stringify(after)])
    .op([after.archived ? 'srem' : 'sadd', keys.activeCategories(guildId), after.key])
    .op(['hincr', keys.categories(guildId), CATEGORIES_REV_FIELD, 1])
    .audit(guildId, 'category.changed', ctx, { ...(before === undefined ? {} : { before }), after });
  return { ok: true, category: after, event: changeEvent(guildId, ctx, after.key) };
}

export function createCategory(
  backend: Backend,
  guildId: string,
  input: CategoryInput,
  ctx: WriteContext,
): Promise<WriteDone<CategoryOutcome>> {
  const bad = checkIds({ guildId }) ?? checkContext(ctx, backend.now());
  if (bad) return Promise.resolve({ outcome: bad, replayed: false });
  const checked = checkCategoryInput(input);
  if (!checked.ok) return Promise.resolve({ outcome: checked, replayed: false });
  const c = checked.value;
  return runWrite<CategoryOutcome>(backend, 'category.create', guildId, ctx.eventId, async () => {
    const snapshot = await backend.categories(guildId, true);
    const plan = guardedPlan(guildId, snapshot);
    const existing = snapshot.byKey.get(c.key) ?? takenByOther(snapshot, c.key, null);
    if (existing?.archived) {
      return {
        plan,
        outcome: rejected('CATEGORY_ARCHIVED', `"${c.key}" exists but is archived; restore it`),
      };
    }
    if (existing) {
      return {
        plan,
        outcome: rejected('CATEGORY_EXISTS', `"${c.key}" already exists (or is another's name)`),
      };
    }
    if (activeCount(snapshot) >= MAX_ACTIVE_CATEGORIES) {
      return {
        plan,
        outcome: rejected('CATEGORY_LIMIT', `at most ${MAX_ACTIVE_CATEGORIES} active categories`),
      };
    }
    const category: Category = {
      ...c,
      archived: false,
      createdAt: ctx.now,
      createdBy: ctx.actor,
      updatedAt: ctx.now,
    };
    return { plan, outcome: writeCategory(plan, guildId, ctx, undefined, category) };
  });
}

type Change = (c: Category, snapshot: CategoriesSnapshot) => Category | CategoryOutcome;

function changeCategory(
  backend: Backend,
  operation: string,
  guildId: string,
  name: string,
  ctx: WriteContext,
  change: Change,
): Promise<WriteDone<CategoryOutcome>> {
  const bad = checkIds({ guildId }) ?? checkContext(ctx, backend.now());
  if (bad) return Promise.resolve({ outcome: bad, replayed: false });
  const ref = checkCategoryRef(name, 'name');
  if (!ref.ok) return Promise.resolve({ outcome: ref, replayed: false });
  const key = ref.value;
  return runWrite<CategoryOutcome>(backend, operation, guildId, ctx.eventId, async () => {
    const snapshot = await backend.categories(guildId, true);
    const plan = guardedPlan(guildId, snapshot);
    const current = resolve(snapshot, key);
    if (!current) return { plan, outcome: rejected('CATEGORY_NOT_FOUND', `no category "${key}"`) };
    const next = change(current, snapshot);
    if ('ok' in next) return { plan, outcome: next };
    return { plan, outcome: writeCategory(plan, guildId, ctx, current, { ...next, updatedAt: ctx.now }) };
  });
}

export function editCategory(
  backend: Backend,
  guildId: string,
  name: string,
  patch: CategoryPatch,
  ctx: WriteContext,
): Promise<WriteDone<CategoryOutcome>> {
  const ref = checkCategoryRef(name, 'name');
  const checked = ref.ok ? checkCategoryPatch(patch) : ref;
  if (!checked.ok) return Promise.resolve({ outcome: checked, replayed: false });
  return changeCategory(backend, 'category.edit', guildId, name, ctx, (c, snapshot) => {
    const renamed = checked.value.displayName;
    const other =
      renamed === undefined ? undefined : takenByOther(snapshot, normaliseCategory(renamed), c.key);
    if (other) {
      return rejected(
        'CATEGORY_EXISTS',
        `"${normaliseCategory(renamed!)}" is already the name of "${other.key}"`,
      );
    }
    // A rename keeps the key: every session, total and board stays with the category and shows the new name.
    return { ...c, ...checked.value };
  });
}

/** Archiving keeps every credited millisecond and stops new clock-ins. */
export function archiveCategory(
  backend: Backend,
  guildId: string,
  name: string,
  ctx: WriteContext,
): Promise<WriteDone<CategoryOutcome>> {
  return changeCategory(backend, 'category.archive', guildId, name, ctx, (c) =>
    c.archived ? rejected('CATEGORY_ARCHIVED', `"${c.key}" is already archived`) : { ...c, archived: true },
  );
}

export function restoreCategory(
  backend: Backend,
  guildId: string,
  name: string,
  ctx: WriteContext,
): Promise<WriteDone<CategoryOutcome>> {
  return changeCategory(backend, 'category.restore', guildId, name, ctx, (c, snapshot) => {
    if (!c.archived) return rejected('CATEGORY_NOT_ARCHIVED', `"${c.key}" is not archived`);
    if (activeCount(snapshot) >= MAX_ACTIVE_CATEGORIES) {
      return rejected('CATEGORY_LIMIT', `at most ${MAX_ACTIVE_CATEGORIES} active categories`);
    }
    return { ...c, archived: false };
  });
}

/** Creates work, break and meeting in a guild that never had categories; otherwise changes nothing. */
export function ensureDefaultCategories(
  backend: Backend,
  guildId: string,
  ctx: WriteContext,
): Promise<WriteDone<EnsureDefaultsOutcome>> {
  const bad = checkIds({ guildId }) ?? checkContext(ctx, backend.now());
  if (bad) return Promise.resolve({ outcome: bad, replayed: false });
  return runWrite<EnsureDefaultsOutcome>(backend, 'category.defaults', guildId, ctx.eventId, async () => {
    const snapshot = await backend.categories(guildId, true);
    const plan = guardedPlan(guildId, snapshot);
    if (snapshot.rev !== null) return { plan, outcome: { ok: true, created: [], event: null } };
    const created: string[] = [];
    for (const input of DEFAULT_CATEGORIES) {
      const checked = checkCategoryInput(input);
      if (!checked.ok) throw new Error(`default category ${input.name} fails validation`);
      const category: Category = {
        ...checked.value,
        archived: false,
        createdAt: ctx.now,
        createdBy: ctx.actor,
        updatedAt: ctx.now,
      };
      writeCategory(plan, guildId, ctx, undefined, category);
      created.push(category.key);
    }
    return { plan, outcome: { ok: true, created, event: changeEvent(guildId, ctx) } };
  });
}
