import type { CategoryChangedEvent } from '@timekeeper/contracts';
import { useAdminHarness } from '../support/harness';

jest.setTimeout(60_000);

const h = useAdminHarness();

describe('a Redis outage', () => {
  it('keeps an accepted change: "saved", then applied and announced when Redis is back', async () => {
    const g = await h.guild();
    const events = h.events(g.guildId);
    await h.driver.slash({
      guildId: g.guildId,
      userId: g.adminId,
      name: 'admin',
      subcommandGroup: 'categories',
      subcommand: 'list',
    });
    await h.redis.stop();
    const answer = await h.driver.slash({
      guildId: g.guildId,
      userId: g.adminId,
      name: 'admin',
      subcommandGroup: 'categories',
      subcommand: 'add',
      options: { name: 'Night shift' },
    });
    expect(answer.errorCode).toBeUndefined();
    expect(answer.text).toContain('Saved');
    expect(answer.text).toContain('will appear in a moment');
    await h.redis.start();

    const until = Date.now() + 15_000;
    let keys: string[] = [];
    while (Date.now() < until) {
      const listed = await h.storage.listCategories(g.guildId, true).catch(() => undefined);
      keys = listed?.ok ? listed.value.map((c) => c.key) : [];
      if (keys.includes('night shift')) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(keys).toContain('night shift');
    const announced = (await events.waitFor(4, 5_000)).filter(
      (e): e is CategoryChangedEvent => e.type === 'category.changed' && e.categoryKey === 'night shift',
    );
    expect(announced.map((e) => [e.eventId, e.change])).toEqual([[answer.interactionId, 'added']]);
  });
});
