import { publishJob } from '@timekeeper/service-kit';
import {
  clockIn,
  clockOut,
  configure,
  newMember,
  sleep,
  startHarness,
  waitFor,
  type Harness,
} from './harness';

const T0 = Date.UTC(2024, 4, 6, 8, 0, 0);

let h: Harness;
let roleId: string;
beforeAll(async () => {
  h = await startHarness(T0);
  roleId = (await h.emulator.control.createRole(h.guildId, { name: 'On duty', position: 1 })).id;
  await configure(h, { roles: { guildRoleId: roleId, categoryRoleIds: {} } });
});
afterAll(() => h?.stop());

const changes = (userId: string) => h.emulator.control.roleChanges(h.guildId, userId);

describe('role.change', () => {
  it('adds the role on clock-in and removes it on clock-out, with an audit-log reason', async () => {
    const u = await newMember(h);
    await clockIn(h, u);
    await waitFor(async () => (await h.emulator.control.member(h.guildId, u)).roles.includes(roleId));
    await clockOut(h, u);
    await waitFor(async () => !(await h.emulator.control.member(h.guildId, u)).roles.includes(roleId));
    expect((await changes(u)).map((c) => [c.action, c.roleId, c.reason])).toEqual([
      ['add', roleId, 'Clocked in'],
      ['remove', roleId, 'Clocked out'],
    ]);
  });

  it('skips a late add when the member is no longer clocked in', async () => {
    const u = await newMember(h);
    await publishJob(h.nc, {
      v: 1,
      kind: 'role.change',
      jobId: `late-add-${u}`,
      guildId: h.guildId,
      enqueuedAt: T0,
      userId: u,
      roleId,
      action: 'add',
      reason: 'Clocked in',
    });
    await sleep(400);
    expect(await changes(u)).toEqual([]);
  });

  it('retries an injected 5xx with back-off and succeeds', async () => {
    const u = await newMember(h);
    const path = `/guilds/${h.guildId}/members/${u}/roles/${roleId}`;
    // More failures than the REST client's own 3 retries: our back-off has to take over.
    await h.emulator.control.injectServerError({ method: 'PUT', path, count: 5, status: 502 });
    await clockIn(h, u);
    await waitFor(async () => (await h.emulator.control.member(h.guildId, u)).roles.includes(roleId));
    const puts = await h.emulator.control.requests({ method: 'PUT', path });
    expect(puts.length).toBe(6);
    await clockOut(h, u);
  });

  it('a role above the bot: not retried forever, clock state untouched, a notice and one activity-log line', async () => {
    const logChannel = await h.emulator.control.createChannel(h.guildId, { name: 'timekeeper-log' });
    const high = (await h.emulator.control.createRole(h.guildId, { name: 'Staff on duty', position: 50 })).id;
    await configure(h, {
      roles: { guildRoleId: high, categoryRoleIds: {} },
      activityLogChannelId: logChannel.id,
    });
    const [a, b] = [await newMember(h), await newMember(h)];
    const sessionA = await clockIn(h, a);
    await clockIn(h, b);
    const posted = await h.emulator.control.awaitMessages(logChannel.id, { timeoutMs: 5000 });
    expect(posted[0]?.content).toBe(
      `⚠️ Couldn't give <@${a}> the <@&${high}> role: Timekeeper's role must be above it and have Manage Roles.`,
    );
    await waitFor(async () => (await h.storage.listNotices(h.guildId, 10)).length >= 2);
    await sleep(300);
    const path = `/guilds/${h.guildId}/members/${a}/roles/${high}`;
    expect(await h.emulator.control.requests({ method: 'PUT', path })).toHaveLength(1);
    // Announced once per role and hour; both problems are listed for admins.
    expect(await h.emulator.control.messages(logChannel.id)).toHaveLength(1);
    const notices = await h.storage.listNotices(h.guildId, 10);
    expect(notices.map((n) => n.kind)).toEqual(['role-forbidden', 'role-forbidden']);
    expect(notices.map((n) => n.message).sort()).toEqual(
      [a, b]
        .map(
          (u) =>
            `⚠️ Couldn't give <@${u}> the <@&${high}> role: Timekeeper's role must be above it and have Manage Roles.`,
        )
        .sort(),
    );
    expect((await h.storage.activeSession(h.guildId, a))?.id).toBe(sessionA);
    const metrics = await h.registry.getSingleMetricAsString('timekeeper_timecard_worker_outcomes_total');
    expect(metrics).toMatch(/worker="roles",outcome="add-forbidden"} 2/);
  });
});
