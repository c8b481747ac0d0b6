import { InvalidInputError } from '../src';
import { applied, ctx, GUILD as G, startStorage, stopStorage, user, type Harness } from './fixture';

/**
 * Storage judges instants by its own clock (`StorageOptions.now`), the one the services pass from
 * service-kit: a service whose clock was moved (an end-to-end test, a demo) is not refused its own "now".
 */

const H = 3_600_000;
const DAY = 24 * H;
let moved = Date.now() + 30 * DAY;
let h: Harness;

beforeAll(async () => {
  h = await startStorage({ usageCounters: 'off', now: () => moved });
});
afterAll(() => stopStorage(h));

test('writes and reads at the moved clock are accepted', async () => {
  const s = h.storage;
  applied(await s.ensureDefaults(G, ctx(moved - H)));
  const clockIn = applied(await s.clockIn({ guildId: G, userId: user(1), category: 'work' }, ctx(moved)));
  expect(clockIn).toMatchObject({ ok: true });
  expect(await s.userSummary(G, user(1), moved)).toMatchObject({ ok: true });
  expect(await s.leaderboard(G, { period: 'week', at: moved })).toMatchObject({ ok: true });
  await expect(s.setRemindersMuted(G, user(1), true, moved)).resolves.toBeUndefined();
});

test('the window still ends a day past that clock', async () => {
  const s = h.storage;
  const late = moved + DAY + H;
  expect(
    applied(await s.clockIn({ guildId: G, userId: user(2), category: 'work' }, ctx(late))),
  ).toMatchObject({ ok: false, code: 'INVALID_INPUT', field: 'now' });
  expect(await s.userSummary(G, user(1), late)).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  await expect(s.setRemindersMuted(G, user(1), true, late)).rejects.toBeInstanceOf(InvalidInputError);
});

test('the clock is read at each call, so moving it moves the window', async () => {
  moved += 60 * DAY;
  expect(await h.storage.userSummary(G, user(1), moved)).toMatchObject({ ok: true });
});
