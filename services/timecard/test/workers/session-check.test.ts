import { InteractionResponseType } from 'discord-api-types/v10';
import {
  GRACE,
  H,
  M,
  buttonsOf,
  clockIn,
  configure,
  dmInteraction,
  newMember,
  sleep,
  startHarness,
  waitFor,
  type Harness,
} from './harness';

// 09:00 in Berlin (UTC+2) on Monday 2024-05-06.
const T0 = Date.UTC(2024, 4, 6, 7, 0, 0);
const MAX = 8 * H;

let h: Harness;
beforeAll(async () => {
  h = await startHarness(T0);
  await configure(h, { timeZone: 'Europe/Berlin', maxSessionMs: MAX, reminderIntervalMs: null });
});
afterAll(() => h?.stop());

const dms = (userId: string) => h.emulator.control.dmMessages(userId);
const nthDm = async (userId: string, n: number) =>
  (await waitFor(async () => ((await dms(userId)).length >= n ? dms(userId) : false)))[n - 1]!;

async function credited(userId: string): Promise<number> {
  const summary = await h.storage.userSummary(h.guildId, userId, h.clock.now());
  if (!summary.ok) throw new Error('summary');
  return summary.value.allTimeMs;
}

describe('session.check', () => {
  it('asks "Still working?" at the maximum; "I stopped at 17:30" credits exactly up to 17:30 in the guild zone', async () => {
    h.clock.t = T0;
    const u = await newMember(h);
    const sessionId = await clockIn(h, u);
    h.clock.t = T0 + MAX - M;
    await sleep(300);
    expect(await dms(u)).toHaveLength(0);
    h.clock.t = T0 + MAX + 1; // 17:00 Berlin
    const prompt = await nthDm(u, 1);
    expect(prompt.content).toContain('**Still working?**');
    expect(prompt.content).toContain(`<t:${T0 / 1000}:f>`);
    const buttons = buttonsOf(prompt);
    expect([...buttons.keys()]).toEqual(['Still working', 'I stopped at…']);

    h.clock.t = T0 + MAX + 40 * M; // 17:40 Berlin
    const modal = await dmInteraction(h, u, buttons.get('I stopped at…')!, { messageId: prompt.id });
    expect(modal).toMatchObject({ response: { type: InteractionResponseType.Modal } });
    const data = (modal as { response: { data: { custom_id: string } } }).response.data;
    const early = await dmInteraction(h, u, data.custom_id, {
      messageId: prompt.id,
      fields: { stopped_at: '9h ago' },
    });
    expect(early).toMatchObject({ kind: 'error', error: { code: 'INVALID_INPUT' } });
    expect(JSON.stringify(early)).toContain('before you clocked in');
    const done = await dmInteraction(h, u, data.custom_id, {
      messageId: prompt.id,
      fields: { stopped_at: '17:30' },
    });
    expect(done).toMatchObject({ response: { type: InteractionResponseType.UpdateMessage } });

    const end = Date.UTC(2024, 4, 6, 15, 30); // 17:30 Berlin
    expect(await credited(u)).toBe(end - T0);
    const event = await waitFor(async () => h.events.find((e) => e.type === 'clock.out' && e.userId === u));
    expect(event).toMatchObject({ sessionId, cause: 'user', endedAt: end, durationMs: end - T0 });
    // The grace period ends later without touching anything.
    h.clock.t = T0 + MAX + GRACE + M;
    await sleep(400);
    expect(await credited(u)).toBe(end - T0);
  });

  it('without an answer, closes at the start: needs-review in the audit trail, nothing unanswered credited', async () => {
    h.clock.t = T0;
    const u = await newMember(h);
    const sessionId = await clockIn(h, u);
    h.clock.t = T0 + MAX + 1;
    await nthDm(u, 1);
    h.clock.t = T0 + MAX + GRACE - M;
    await sleep(300);
    expect((await h.storage.activeSession(h.guildId, u))?.id).toBe(sessionId);
    h.clock.t = T0 + MAX + GRACE + 1;
    const event = await waitFor(async () => h.events.find((e) => e.type === 'clock.out' && e.userId === u));
    expect(event).toMatchObject({ cause: 'auto', actorId: null, startedAt: T0, endedAt: T0, durationMs: 0 });
    expect(await h.storage.activeSession(h.guildId, u)).toBeNull();
    expect(await credited(u)).toBe(0);
    const audit = await h.storage.auditLog(h.guildId, 20);
    const entry =
      audit.ok &&
      audit.value.find((a) => a.fields.type === 'clock.auto-closed' && a.fields.after?.includes(sessionId));
    expect(entry && entry.fields.actor).toBe('timekeeper');
    expect(entry && JSON.parse(entry.fields.after!)).toMatchObject({
      end: T0,
      flags: { autoClosed: true, needsReview: true },
    });
    const notice = await nthDm(u, 2);
    expect(notice.content).toContain('flagged for an admin to review');
  });

  it('"Still working" asks again one maximum later, and an unanswered second prompt closes at that confirmation', async () => {
    h.clock.t = T0;
    const u = await newMember(h);
    const sessionId = await clockIn(h, u);
    h.clock.t = T0 + MAX + 1;
    const prompt = await nthDm(u, 1);
    const confirmedAt = T0 + MAX + 10 * M;
    h.clock.t = confirmedAt;
    const reply = await dmInteraction(h, u, buttonsOf(prompt).get('Still working')!, {
      messageId: prompt.id,
    });
    expect(JSON.stringify(reply)).toContain(`<t:${(confirmedAt + MAX) / 1000}:R>`);

    h.clock.t = T0 + MAX + GRACE + 1; // the first grace period ends: answered, so nothing closes
    await sleep(400);
    expect((await h.storage.activeSession(h.guildId, u))?.id).toBe(sessionId);
    expect(await dms(u)).toHaveLength(1);

    h.clock.t = confirmedAt + MAX + 1;
    const second = await nthDm(u, 2);
    expect(second.content).toContain('Still working');
    h.clock.t = confirmedAt + MAX + GRACE + 1;
    const event = await waitFor(async () => h.events.find((e) => e.type === 'clock.out' && e.userId === u));
    expect(event).toMatchObject({ cause: 'auto', endedAt: confirmedAt, durationMs: confirmedAt - T0 });
    expect(await credited(u)).toBe(confirmedAt - T0);
  });
});
