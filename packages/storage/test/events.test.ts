import { DomainEvent } from '@timekeeper/contracts';
import { configKeys, contractEvents } from '../src';
import { ADMIN, GUILD, applied, ctx, startStorage, stopStorage, user, type Harness } from './fixture';

const T0 = Date.UTC(2024, 4, 6, 8, 0, 0);
const H = 3_600_000;

let h: Harness;
beforeAll(async () => {
  h = await startStorage({ usageCounters: 'off' });
  applied(await h.storage.ensureDefaults(GUILD, ctx(T0)));
});
afterAll(() => stopStorage(h));

/** Every mapped event must pass the contract schema that consumers decode with. */
function expectValid(event: unknown) {
  const parsed = DomainEvent.safeParse(event);
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  return parsed.data;
}

describe('contractEvents', () => {
  it('maps clock in, switch, clock out and force clock-out to valid contract events', async () => {
    const u = user(1);
    const inn = applied(await h.storage.clockIn({ guildId: GUILD, userId: u, category: 'work' }, ctx(T0, u)));
    if (!inn.ok) throw new Error(inn.code);
    expect(expectValid(contractEvents.clockIn(inn))).toMatchObject({
      type: 'clock.in',
      actorId: u,
      categoryKey: 'work',
      startedAt: T0,
    });

    const sw = applied(
      await h.storage.switchCategory({ guildId: GUILD, userId: u, category: 'meeting' }, ctx(T0 + H, u)),
    );
    if (!sw.ok) throw new Error(sw.code);
    expect(expectValid(contractEvents.switched(sw))).toMatchObject({
      type: 'clock.switched',
      from: { categoryKey: 'work', durationMs: H },
      to: { categoryKey: 'meeting', startedAt: T0 + H },
    });

    const out = applied(await h.storage.clockOut({ guildId: GUILD, userId: u }, ctx(T0 + 3 * H, u)));
    if (!out.ok) throw new Error(out.code);
    expect(expectValid(contractEvents.clockOut(out, 'user'))).toMatchObject({
      type: 'clock.out',
      durationMs: 2 * H,
      capped: false,
      cause: 'user',
    });

    const v = user(2);
    applied(await h.storage.clockIn({ guildId: GUILD, userId: v, category: 'work' }, ctx(T0, v)));
    const forced = applied(
      await h.storage.forceClockOut({ guildId: GUILD, userId: v }, ctx(T0 + H, ADMIN, 'left for the day')),
    );
    if (!forced.ok) throw new Error(forced.code);
    expect(expectValid(contractEvents.forced(forced))).toMatchObject({
      type: 'clock.forced',
      actorId: ADMIN,
      userId: v,
      reason: 'left for the day',
    });
  });

  it('maps category and settings changes', async () => {
    const created = applied(await h.storage.createCategory(GUILD, { name: 'Support' }, ctx(T0)));
    if (!created.ok) throw new Error(created.code);
    expect(expectValid(contractEvents.category(created, 'added'))).toMatchObject({
      type: 'category.changed',
      change: 'added',
      categoryKey: 'support',
    });
    const patch = { timeZone: 'Europe/Berlin', reminderIntervalMs: 30 * 60_000 };
    const settings = applied(await h.storage.updateSettings(GUILD, patch, ctx(T0)));
    if (!settings.ok) throw new Error(settings.code);
    expect(expectValid(contractEvents.config(settings, patch))).toMatchObject({
      type: 'config.changed',
      keys: ['timezone', 'reminderMinutes'],
    });
  });

  it('turns a non-user actor into a null actorId', () => {
    const event = contractEvents.config(
      { event: { type: 'config.changed', eventId: 'e1', guildId: GUILD, at: T0, actor: 'timekeeper' } },
      { weekStart: 'sunday' },
    );
    expect(event.actorId).toBeNull();
    expect(configKeys({})).toEqual(['timezone']);
  });
});
