import type { Category } from '@timekeeper/storage';
import { parseCategoryEdit, parseColor, parseNewCategory } from '../../src/logic/category-input';
import {
  CATEGORIES_PER_PAGE,
  categoryListView,
  clampPage,
  pageButtonArgs,
  parsePageButtonArgs,
} from '../../src/views/category-list';
import { categoryRejection } from '../../src/logic/rejections';
import { embedWithinLimits } from './limits';

function category(i: number, overrides: Partial<Category> = {}): Category {
  return {
    key: `cat ${String(i).padStart(2, '0')}`,
    displayName: `Cat ${String(i).padStart(2, '0')}`,
    description: 'd'.repeat(200),
    color: '#112233',
    productivityWeight: 1.5,
    archived: false,
    createdAt: 0,
    createdBy: '1',
    updatedAt: 0,
    ...overrides,
  };
}

describe('category options', () => {
  it.each([
    ['#3498DB', '#3498db'],
    ['3498db', '#3498db'],
  ])('reads colour %s', (raw, color) => expect(parseColor(raw)).toEqual({ ok: true, value: color }));

  it.each([
    [{ name: '' }, 'Give the category a name'],
    [{ name: 'x'.repeat(51) }, 'at most 50 characters'],
    [{ name: 'work!' }, 'letters, digits, spaces'],
    [{ name: 'Total' }, '"total" is reserved'],
    [{ name: 'ok', color: 'red' }, "isn't a colour"],
    [{ name: 'ok', weight: 6 }, 'from 0 to 5'],
    [{ name: 'ok', description: 'x'.repeat(201) }, 'at most 200 characters'],
  ])('refuses %p', (values, message) => {
    const parsed = parseNewCategory(values);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain(message);
  });

  it('accepts a full category and keeps the spelling', () => {
    expect(parseNewCategory({ name: '  Deep   Work ', weight: 2.555, color: 'ABCDEF' })).toEqual({
      ok: true,
      value: { name: 'Deep Work', productivityWeight: 2.56, color: '#abcdef' },
    });
  });

  it('edits need a change; a new name renames', () => {
    expect(parseCategoryEdit({ name: 'work' })).toMatchObject({
      ok: false,
      message: expect.stringContaining('Nothing to change'),
    });
    expect(parseCategoryEdit({ name: 'work', newName: 'labour' })).toEqual({
      ok: true,
      value: { key: 'work', patch: { displayName: 'labour' } },
    });
    expect(parseCategoryEdit({ name: 'Work ', newName: 'WORK' })).toEqual({
      ok: true,
      value: { key: 'work', patch: { displayName: 'WORK' } },
    });
  });
});

describe('storage rejections', () => {
  it.each([
    ['add', 'CATEGORY_EXISTS', 'A category named "Work" already exists'],
    ['add', 'CATEGORY_LIMIT', 'You already have 50 active categories — archive one first'],
    ['add', 'CATEGORY_ARCHIVED', 'is archived. Bring it back with `/admin categories restore`'],
    ['archive', 'CATEGORY_ARCHIVED', '"Work" is already archived'],
    ['restore', 'CATEGORY_NOT_ARCHIVED', "isn't archived"],
    ['edit', 'CATEGORY_NOT_FOUND', 'There\'s no category named "Work"'],
    ['add', 'EVENT_ID_CONFLICT', 'already used'],
  ] as const)('%s %s → %s', (operation, code, message) => {
    expect(categoryRejection(operation, 'Work', { code, message: 'x' }).message).toContain(message);
  });
});

describe('category list', () => {
  const encode = (args: readonly string[]) => `admin:cat-page:${args.join(':')}:TAGTAG00`;

  it('pages, clamps and keeps every page within Discord limits', () => {
    const all = [
      ...Array.from({ length: 50 }, (_, i) => category(i)),
      category(99, { archived: true, key: 'old', displayName: 'Old' }),
    ];
    const first = categoryListView(all, { guildId: '123', archived: false, page: 0 }, encode);
    expect(first.embeds[0]?.title).toBe('Categories — page 1 of 7');
    expect(first.embeds[0]?.fields).toHaveLength(CATEGORIES_PER_PAGE);
    expect(first.embeds[0]?.footer?.text).toContain('50 active · 1 archived');
    const [prev, next] = first.components[0]!.components;
    expect(prev).toMatchObject({ disabled: true });
    expect(next).toMatchObject({ disabled: false, custom_id: 'admin:cat-page:123:0:1:n:TAGTAG00' });
    for (let page = 0; page < 8; page++) {
      const view = categoryListView(all, { guildId: '123', archived: false, page }, encode);
      expect(embedWithinLimits(view.embeds)).toEqual([]);
      const ids = view.components.flatMap((row) =>
        row.components.map((c) => ('custom_id' in c ? c.custom_id : '')),
      );
      expect(new Set(ids).size).toBe(ids.length);
    }
    expect(
      categoryListView(all, { guildId: '123', archived: false, page: 99 }, encode).embeds[0]?.title,
    ).toBe('Categories — page 7 of 7');
    const archived = categoryListView(all, { guildId: '123', archived: true, page: 0 }, encode);
    expect(archived.embeds[0]?.fields?.[0]?.name).toBe('Old · archived');
    expect(archived.components).toEqual([]);
  });

  it('says so when there is nothing to list', () => {
    const view = categoryListView([], { guildId: '1', archived: false, page: 0 }, encode);
    expect(view.embeds[0]?.description).toContain('No categories yet');
  });

  it('round-trips page button args and rejects anything else', () => {
    expect(parsePageButtonArgs(pageButtonArgs('123', true, 4, 'p'))).toEqual({
      guildId: '123',
      archived: true,
      page: 4,
    });
    expect(parsePageButtonArgs(['abc', '0', '1', 'n'])).toBeNull();
    expect(parsePageButtonArgs(['123', '2', '1', 'n'])).toBeNull();
    expect(parsePageButtonArgs(['123', '0', '-1', 'n'])).toBeNull();
    expect(parsePageButtonArgs(['123', '0', '1'])).toBeNull();
    expect(clampPage(-3, 10)).toBe(0);
  });
});
