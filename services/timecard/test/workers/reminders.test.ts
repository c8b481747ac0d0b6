import { InteractionResponseType } from 'discord-api-types/v10';
import {
  H,
  M,
  buttonsOf,
  clockIn,
  clockOut,
  configure,
  dmInteraction,
  newMember,
  sleep,
  startHarness,
  waitFor,
  type Harness,
} from './harness';

const T0 = Date.UTC(2024, 4, 6, 8, 0, 0);

let h: Harness;
beforeAll(async () => {
  h = await startHarness(T0);
  await configure(h, { reminderIntervalMs: 30 * M, maxSessionMs: 12 * H });
});
afterAll(() => h?.stop());

const dms = (userId: string) => h.emulator.control.dmMessages(userId);
const dmCount = (userId: string, n: number) =>
  waitFor(async () => ((await dms(userId)).length >= n ? dms(userId) : false));

describe('reminder.fire', () => {
  it('reminds at 30 and 60 minutes, stays quiet while muted, and resumes after "Unmute"', async () => {
    h.clock.t = T0;
    const u = await newMember(h);
    await clockIn(h, u);
    await sleep(200);
    expect(await dms(u)).toHaveLength(0); // not due yet
    h.clock.t = T0 + 30 * M + 1;
    const [first] = await dmCount(u, 1);
    expect(first?.content).toBe(
      `⏰ You've been clocked in to **Work** since <t:${T0 / 1000}:R> (<t:${T0 / 1000}:t>).`,
    );
    h.clock.t = T0 + 60 * M + 1;
    const second = (await dmCount(u, 2))[1]!;
    expect([...buttonsOf(second).keys()]).toEqual(['Clock out', 'Mute reminders']);

    const muted = await dmInteraction(h, u, buttonsOf(second).get('Mute reminders')!, {
      messageId: second.id,
    });
    expect(muted).toMatchObject({
      kind: 'response',
      response: { type: InteractionResponseType.UpdateMessage },
    });
    h.clock.t = T0 + 90 * M + 1;
    await sleep(500);
    expect(await dms(u)).toHaveLength(2);

    const unmute = buttonsOf((muted as { response: { data: { components: unknown[] } } }).response.data).get(
      'Unmute',
    )!;
    await dmInteraction(h, u, unmute, { messageId: second.id });
    h.clock.t = T0 + 120 * M + 1;
    await dmCount(u, 3);
    await sleep(300);
    expect(await dms(u)).toHaveLength(3);
    await clockOut(h, u);
  });

  it('sends nothing after clock-out', async () => {
    h.clock.t = T0;
    const u = await newMember(h);
    await clockIn(h, u);
    h.clock.t = T0 + 10 * M;
    await clockOut(h, u);
    h.clock.t = T0 + 31 * M;
    await sleep(500);
    expect(await dms(u)).toHaveLength(0);
  });

  it('"Clock out" from a reminder ends that session only, and publishes clock.out', async () => {
    h.clock.t = T0;
    const u = await newMember(h);
    const sessionId = await clockIn(h, u);
    h.clock.t = T0 + 30 * M + 1;
    const [reminder] = await dmCount(u, 1);
    h.clock.t = T0 + 40 * M;
    const reply = await dmInteraction(h, u, buttonsOf(reminder!).get('Clock out')!, {
      messageId: reminder!.id,
    });
    expect(reply).toMatchObject({ response: { type: InteractionResponseType.UpdateMessage } });
    expect(await h.storage.activeSession(h.guildId, u)).toBeNull();
    const event = await waitFor(async () => h.events.find((e) => e.type === 'clock.out' && e.userId === u));
    expect(event).toMatchObject({ sessionId, cause: 'user', durationMs: 40 * M, actorId: u });

    // The same old button after a new clock-in leaves the new session alone.
    h.clock.t = T0 + 50 * M;
    const next = await clockIn(h, u);
    const stale = await dmInteraction(h, u, buttonsOf(reminder!).get('Clock out')!, {
      messageId: reminder!.id,
    });
    expect(JSON.stringify(stale)).toContain('already ended');
    expect((await h.storage.activeSession(h.guildId, u))?.id).toBe(next);
    await clockOut(h, u);
  });
});
