import type { CategoryChangedEvent } from '@timekeeper/contracts';
import { useAdminHarness, type TestGuild } from '../support/harness';

jest.setTimeout(60_000);

const h = useAdminHarness();

const categories = (
  g: TestGuild,
  subcommand: string,
  options: Record<string, string | number | boolean> = {},
) =>
  h.driver.slash({
    guildId: g.guildId,
    userId: g.adminId,
    name: 'admin',
    subcommandGroup: 'categories',
    subcommand,
    options,
  });

async function listed(guildId: string) {
  const result = await h.storage.listCategories(guildId, true);
  if (!result.ok) throw new Error('storage read failed');
  return result.value;
}

describe('/admin categories', () => {
  it('gives a new guild the lower-case defaults once, then adds, edits, archives and restores', async () => {
    const g = await h.guild();
    const events = h.events(g.guildId);

    const list = await categories(g, 'list');
    expect(list.ephemeral).toBe(true);
    expect((await listed(g.guildId)).map((c) => c.key)).toEqual(['break', 'meeting', 'work']);
    expect(list.text).toContain('Work');

    const add = await categories(g, 'add', {
      name: 'Deep Work',
      description: 'Heads down',
      color: '3498DB',
      weight: 2,
    });
    expect(add.errorCode).toBeUndefined();
    expect(add.ephemeral).toBe(true);
    expect(add.text).toContain('Added **Deep Work**');
    const created = (await listed(g.guildId)).find((c) => c.key === 'deep work');
    expect(created).toMatchObject({
      displayName: 'Deep Work',
      description: 'Heads down',
      color: '#3498db',
      productivityWeight: 2,
    });

    const edit = await categories(g, 'edit', {
      name: 'deep work',
      new_name: 'DEEP work',
      weight: 3,
      description: 'Focus',
    });
    expect(edit.errorCode).toBeUndefined();
    expect((await listed(g.guildId)).find((c) => c.key === 'deep work')).toMatchObject({
      displayName: 'DEEP work',
      productivityWeight: 3,
      description: 'Focus',
    });

    const archive = await categories(g, 'archive', { name: 'deep work' });
    expect(archive.text).toContain('Archived');
    expect((await listed(g.guildId)).find((c) => c.key === 'deep work')?.archived).toBe(true);
    const activeOnly = await h.storage.listCategories(g.guildId, false);
    expect(activeOnly.ok && activeOnly.value.map((c) => c.key)).not.toContain('deep work');

    const archivedList = await categories(g, 'list', { archived: true });
    expect(archivedList.text).toContain('DEEP work · archived');

    const restore = await categories(g, 'restore', { name: 'Deep Work' });
    expect(restore.text).toContain('Restored');
    expect((await listed(g.guildId)).find((c) => c.key === 'deep work')?.archived).toBe(false);

    // Every change is in the audit stream…
    const audit = await h.storage.auditLog(g.guildId, 50);
    expect(audit.ok).toBe(true);
    const eventIds = audit.ok
      ? audit.value.filter((r) => r.fields.type === 'category.changed').map((r) => r.fields.eventId)
      : [];
    for (const answer of [add, edit, archive, restore]) expect(eventIds).toContain(answer.interactionId);

    // …and announced on NATS (3 defaults + 4 changes).
    const seen = (await events.waitFor(7)).filter(
      (e): e is CategoryChangedEvent => e.type === 'category.changed',
    );
    expect(seen.filter((e) => e.categoryKey === 'deep work').map((e) => e.change)).toEqual([
      'added',
      'edited',
      'archived',
      'restored',
    ]);
    expect(
      seen
        .filter((e) => e.change === 'added')
        .map((e) => e.categoryKey)
        .sort(),
    ).toEqual(['break', 'deep work', 'meeting', 'work']);
    expect(seen.find((e) => e.eventId === add.interactionId)?.actorId).toBe(g.adminId);
  });

  it.each([
    ['a duplicate name', { name: 'WORK' }, 'A category named "WORK" already exists'],
    ['a reserved name', { name: 'Admin' }, 'reserved'],
    ['bad characters', { name: 'work!' }, 'letters, digits, spaces'],
    ['a bad colour', { name: 'Calls', color: 'blue12' }, "isn't a colour"],
  ])('refuses %s with a clear message and changes nothing', async (_label, options, message) => {
    const g = await h.guild();
    await categories(g, 'list');
    const before = await listed(g.guildId);
    const answer = await categories(g, 'add', options);
    expect(answer.errorCode).toBeDefined();
    expect(answer.ephemeral).toBe(true);
    expect(answer.text).toContain(message);
    expect(await listed(g.guildId)).toEqual(before);
  });

  it('refuses the 51st active category, restoring over the limit, and a rename onto another name', async () => {
    const g = await h.guild();
    await categories(g, 'list'); // defaults: 3 active
    await categories(g, 'archive', { name: 'meeting' });
    for (let i = 0; i < 48; i++) {
      const answer = await categories(g, 'add', { name: `team ${i}` });
      expect(answer.errorCode).toBeUndefined();
    }
    const over = await categories(g, 'add', { name: 'one more' });
    expect(over.text).toContain('You already have 50 active categories — archive one first');
    const restore = await categories(g, 'restore', { name: 'meeting' });
    expect(restore.text).toContain('You already have 50 active categories');
    const before = await listed(g.guildId);
    const rename = await categories(g, 'edit', { name: 'work', new_name: 'Team 3' });
    expect(rename.text).toContain('Another category already answers to that name');
    expect(await listed(g.guildId)).toEqual(before);
    const missing = await categories(g, 'archive', { name: 'nothing here' });
    expect(missing.text).toContain('There\'s no category named "nothing here"');
    expect((await listed(g.guildId)).filter((c) => !c.archived)).toHaveLength(50);
  });

  it('renames a category: its history keeps it, and the new name and the old one both resolve', async () => {
    const g = await h.guild();
    await categories(g, 'list');
    const renamed = await categories(g, 'edit', { name: 'work', new_name: 'Labour' });
    expect(renamed.text).toContain('Updated **Labour**: name');
    const again = await categories(g, 'edit', { name: 'labour', description: 'paid hours' });
    expect(again.text).toContain('Updated **Labour**: description');
    const taken = await categories(g, 'add', { name: 'labour' });
    expect(taken.text).toContain('already exists');
    const stored = (await listed(g.guildId)).find((c) => c.key === 'work');
    expect(stored).toMatchObject({ key: 'work', displayName: 'Labour', description: 'paid hours' });
  });

  it('pages the list with ◀ ▶ buttons that carry the page', async () => {
    const g = await h.guild();
    for (let i = 0; i < 14; i++) await categories(g, 'add', { name: `c${String(i).padStart(2, '0')}` });
    const first = await categories(g, 'list'); // 17 active → 3 pages of 8
    expect(first.embeds[0]?.title).toBe('Categories — page 1 of 3');
    expect(first.customIds).toHaveLength(2);
    const next = first.customIds[1]!;
    const second = await h.driver.click({ guildId: g.guildId, userId: g.adminId, customId: next });
    expect(second.errorCode).toBeUndefined();
    expect(second.response.type).toBe(7);
    expect(second.embeds[0]?.title).toBe('Categories — page 2 of 3');
    const third = await h.driver.click({
      guildId: g.guildId,
      userId: g.adminId,
      customId: second.customIds[1]!,
    });
    expect(third.embeds[0]?.title).toBe('Categories — page 3 of 3');
    expect(third.embeds[0]?.fields?.map((f) => f.name)).toEqual(['Work']);
  });

  it('autocompletes active names for archive and archived names for restore', async () => {
    const g = await h.guild();
    await categories(g, 'add', { name: 'Workshop' });
    await categories(g, 'archive', { name: 'meeting' });
    const base = { guildId: g.guildId, userId: g.adminId, name: 'admin', subcommandGroup: 'categories' };
    const archive = await h.driver.autocomplete({
      ...base,
      subcommand: 'archive',
      options: { name: 'wo' },
      focused: 'name',
    });
    expect(archive.choices.map((c) => c.value)).toEqual(['work', 'workshop']);
    const restore = await h.driver.autocomplete({
      ...base,
      subcommand: 'restore',
      options: { name: '' },
      focused: 'name',
    });
    expect(restore.choices.map((c) => c.value)).toEqual(['meeting']);
    const stranger = await h.driver.autocomplete({
      ...base,
      userId: g.memberId,
      subcommand: 'archive',
      options: { name: 'w' },
      focused: 'name',
    });
    expect(stranger.choices).toEqual([]);
  });
});
