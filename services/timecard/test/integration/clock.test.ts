import type { ClockOutEvent, RoleChangeJob } from '@timekeeper/contracts';
import { useTimecardHarness } from '../support/harness';

const H = 3_600_000;
const h = useTimecardHarness();

/** Real time keeps flowing under the test clock, so credited times are a few ms over round figures. */
// Real time passes while the test runs (seconds on a loaded machine) on top of the moved clock.
const about = (ms: number) => ({
  asymmetricMatch: (actual: unknown) => typeof actual === 'number' && actual >= ms && actual < ms + 5_000,
  toAsymmetricMatcher: () => `a duration of about ${ms} ms`,
});

function value<T>(read: { ok: true; value: T } | { ok: false }): T {
  if (!read.ok) throw new Error('read failed');
  return read.value;
}

describe('clocking in and out by slash command', () => {
  it('clocks in, refuses a second clock-in with switch and clock-out buttons, switches, clocks out', async () => {
    const guild = await h.guild([{ name: 'Work' }, { name: 'Support' }], {
      roles: { guildRoleId: '700000000000000001', categoryRoleIds: { support: '700000000000000002' } },
    });
    const member = await h.member(guild);
    const other = await h.member(guild);
    h.clock.set(Date.UTC(2024, 5, 3, 9));

    const first = await h.driver.slash(member, 'clockin', { category: 'work', description: 'tickets' });
    expect(first.ephemeral).toBe(true);
    expect(first.text).toContain("You're clocked into **Work**");
    const session = value(await h.storage.activeSessions(guild.id))[0]!;
    expect(session).toMatchObject({ userId: member.userId, category: 'work', description: 'tickets' });
    expect(first.text).toContain(`<t:${Math.floor(session.start / 1000)}:t>`);
    await h.recorder.waitFor(
      () => h.recorder.jobs.find((j) => j.jobId === `role:${session.id}:700000000000000001:add`),
      'guild role add job',
    );
    await h.recorder.waitFor(
      () => h.recorder.events.find((e) => e.type === 'clock.in' && e.sessionId === session.id),
      'clock.in event',
    );

    h.clock.advance(H);
    const second = await h.driver.slash(member, 'clockin', { category: 'Support' });
    expect(second.text).toContain("You're already clocked into **Work**");
    expect(second.text).toContain(`<t:${Math.floor(session.start / 1000)}:R>`);
    expect(value(await h.storage.activeSessions(guild.id))).toEqual([session]);

    // Someone else cannot use these buttons, and nothing changes.
    const stolen = await h.driver.click(other, second.message!, 'Switch to Support');
    expect(stolen.text).toContain('belong to someone else');
    expect(value(await h.storage.activeSessions(guild.id))).toEqual([session]);

    const switched = await h.driver.click(member, second.message!, 'Switch to Support');
    expect(switched.type).toBe(7);
    expect(switched.text).toContain('Saved 1h 00m in **Work**');
    expect(switched.message!.components).toEqual([]);
    const now = value(await h.storage.activeSessions(guild.id))[0]!;
    expect(now.category).toBe('support');
    await h.recorder.waitFor(
      () => h.recorder.jobs.find((j) => j.jobId === `role:${now.id}:700000000000000002:add`),
      'support role add on switch',
    );

    h.clock.advance(30 * 60_000);
    const out = await h.driver.slash(member, 'clockout');
    expect(out.ephemeral).toBe(true);
    expect(out.text).toMatch(/Category\nSupport/);
    expect(out.text).toMatch(/Duration\n30m/);
    expect(out.text).toMatch(/Today\n1h 30m/);
    expect(out.text).toMatch(/This week\n1h 30m/);
    const removals = await h.recorder.waitFor(() => {
      const jobs = h.recorder.jobs.filter(
        (j): j is RoleChangeJob =>
          j.kind === 'role.change' && j.userId === member.userId && j.action === 'remove',
      );
      return jobs.length >= 2 ? jobs : undefined;
    }, 'role removals');
    expect(removals.map((j) => j.roleId).sort()).toEqual(['700000000000000001', '700000000000000002']);

    const summary = value(await h.storage.userSummary(guild.id, member.userId, h.clock.now()));
    expect(summary).toMatchObject({
      todayMs: about(1.5 * H),
      weekMs: summary.todayMs,
      allTimeMs: summary.todayMs,
    });
    expect(summary.active).toBeNull();
    const board = value(await h.storage.leaderboard(guild.id, { period: 'week', at: h.clock.now() }));
    expect(board.entries).toEqual([
      expect.objectContaining({ userId: member.userId, ms: summary.allTimeMs }),
    ]);

    const again = await h.driver.slash(member, 'clockout');
    expect(again.text).toContain("You're not clocked in");
  });

  it('splits a session across local midnight in the guild zone', async () => {
    const guild = await h.guild([{ name: 'Night shift' }], { timeZone: 'Asia/Tokyo' });
    const member = await h.member(guild);
    // 23:00 in Tokyo (UTC+9) on 2024-06-04 = 14:00 UTC.
    h.clock.set(Date.UTC(2024, 5, 4, 14));
    await h.driver.slash(member, 'clockin', { category: 'night shift' });
    h.clock.advance(3 * H);
    const out = await h.driver.slash(member, 'clockout');
    expect(out.text).toMatch(/Duration\n3h 00m/);
    expect(out.text).toMatch(/Today\n2h 00m/);

    const { sessions } = value(
      await h.storage.sessionsInRange(guild.id, { userId: member.userId, from: 0, to: Date.UTC(2030, 0) }),
    );
    expect(sessions).toHaveLength(1);
    const [session] = sessions;
    // The split is at Tokyo's midnight: 15:00 UTC.
    expect(session!.pieces.map(([day, , , ms]) => [day, ms])).toEqual([
      ['2024-06-04', Date.UTC(2024, 5, 4, 15) - session!.start],
      ['2024-06-05', session!.end - Date.UTC(2024, 5, 4, 15)],
    ]);
    const summary = value(await h.storage.userSummary(guild.id, member.userId, h.clock.now()));
    expect(summary.todayMs).toBe(session!.end - Date.UTC(2024, 5, 4, 15));
    expect(summary.allTimeMs).toBe(session!.durationMs);
    expect(session!.durationMs).toEqual(about(3 * H));
    const event = await h.recorder.waitFor(
      () =>
        h.recorder.events.find(
          (e): e is ClockOutEvent => e.type === 'clock.out' && e.userId === member.userId,
        ),
      'clock.out event',
    );
    expect(event).toMatchObject({ durationMs: session!.durationMs, cause: 'user', capped: false });
  });

  it('caps a session at the maximum length and says so', async () => {
    const guild = await h.guild([{ name: 'Work' }], { maxSessionMs: 2 * H });
    const member = await h.member(guild);
    await h.driver.slash(member, 'clockin', { category: 'Work' });
    h.clock.advance(5 * H);
    const out = await h.driver.slash(member, 'clockout');
    expect(out.text).toContain("ran past the server's maximum of 2h 00m");
    expect(out.text).toMatch(/Duration\n2h 00m/);
  });

  it('suggests the nearest names for a typo or an archived category and changes nothing', async () => {
    const guild = await h.guild([{ name: 'Development' }, { name: 'Design' }, { name: 'Legacy' }]);
    const archived = await h.storage.archiveCategory(guild.id, 'legacy', {
      eventId: `archive-${guild.id}`,
      now: h.clock.now(),
      actor: guild.memberIds[0]!,
    });
    expect(archived.status).toBe('applied');
    const member = await h.member(guild);
    const typo = await h.driver.slash(member, 'clockin', { category: 'developmnet' });
    expect(typo.text).toBe(
      "There's no category called **developmnet** here. Did you mean **Development**? Nothing was changed.",
    );
    const old = await h.driver.slash(member, 'clockin', { category: 'LEGACY' });
    expect(old.text).toContain('**Legacy** is archived');
    expect(value(await h.storage.activeSessions(guild.id))).toEqual([]);
  });

  it('refuses a description over the limit at the command, clearly, and changes nothing', async () => {
    const guild = await h.guild([{ name: 'Work' }]);
    const member = await h.member(guild);
    const long = await h.driver.slash(member, 'clockin', { category: 'work', description: 'x'.repeat(500) });
    expect(long.ephemeral).toBe(true);
    expect(long.text).toContain(
      'A session description can be at most 200 characters (this one has 500). Nothing was changed.',
    );
    expect(value(await h.storage.activeSessions(guild.id))).toEqual([]);
    const fits = await h.driver.slash(member, 'clockin', { category: 'work', description: 'y'.repeat(200) });
    expect(fits.text).toContain("You're clocked into **Work**");
    const [session] = value(await h.storage.activeSessions(guild.id));
    await h.recorder.waitFor(
      () => h.recorder.events.find((e) => e.type === 'clock.in' && e.sessionId === session!.id),
      'clock.in event of a description at the limit',
    );
  });

  it('gives a brand-new server the default categories on its first interaction', async () => {
    const fresh = await h.guild([]);
    const first = await h.member(fresh);
    expect((await h.driver.slash(first, 'clockin', { category: 'work' })).text).toContain('**Work**');
    const categories = value(await h.storage.listCategories(fresh.id));
    expect(categories.map((category) => category.key).sort()).toEqual(['break', 'meeting', 'work']);
  });

  it('autocompletes active categories, most relevant first', async () => {
    const guild = await h.guild([{ name: 'Meeting' }, { name: 'Team meeting' }, { name: 'Work' }]);
    const member = await h.member(guild);
    const choices = await h.driver.autocomplete(member, 'clockin', 'category', { category: 'mee' });
    expect(choices).toEqual([
      { name: 'Meeting', value: 'meeting' },
      { name: 'Team meeting', value: 'team meeting' },
    ]);
  });

  it('shows status while clocked in and after', async () => {
    const guild = await h.guild([{ name: 'Work' }]);
    const member = await h.member(guild);
    const before = await h.driver.slash(member, 'status');
    expect(before.text).toContain("haven't tracked any time");
    await h.driver.slash(member, 'clockin', { category: 'work' });
    h.clock.advance(45 * 60_000);
    const during = await h.driver.slash(member, 'status');
    expect(during.ephemeral).toBe(true);
    expect(during.text).toContain('Clocked into **Work**');
    expect(during.text).toMatch(/This session\n4[45]m/);
    await h.driver.slash(member, 'clockout');
    const after = await h.driver.slash(member, 'status');
    expect(after.text).toContain('Top categories');
    expect(after.text).toMatch(/\*\*Work\*\* — 4[45]m/);
  });
});
