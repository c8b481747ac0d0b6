/**
 * Pay rates, decimal hours and targets through the real gateway: a member with a role rate and a
 * category rate, sessions in both categories, `/status` and the audit trail showing hours and pay; a
 * weekly target whose reminder is sent once when the moved clock reaches it.
 */
import {
  HOUR,
  MINUTE,
  awaitDmMatching,
  eventually,
  startProduct,
  textOf,
  value,
  type Member,
  type Product,
  type TestGuild,
} from './support';

jest.setTimeout(90_000);

let p: Product;
beforeAll(async () => {
  p = await startProduct();
}, 60_000);
afterAll(async () => {
  await p?.stop();
});

/** Wednesday 10 March 2027, 09:00 UTC (the server's zone): mid-week and mid-month. */
const WEDNESDAY = Date.UTC(2027, 2, 10, 9);
/** The week (from Monday) ends Monday 15 March 00:00 UTC. */
const WEEK_END = Date.UTC(2027, 2, 15);

describe('a member with a role rate and a category rate', () => {
  let g: TestGuild;
  let crewId: string;
  let ana: Member;
  let ben: Member;

  beforeAll(async () => {
    g = await p.guild(0);
    crewId = (await p.emulator.control.createRole(g.id, { name: 'Crew' })).id;
    ana = await g.member({ roles: [crewId] });
    ben = await g.member({ roles: [crewId] });
    const admin = g.admin;
    await p.members.command(admin, 'admin', {
      group: 'categories',
      sub: 'add',
      options: { name: 'Support' },
    });
    const run = (sub: string, options: Record<string, string | number>) =>
      p.members.command(admin, 'timesheet', { sub, options });
    expect((await run('currency', { code: 'eur' })).text).toContain('**EUR**');
    expect((await run('rate', { amount: '10', role: crewId })).text).toContain('EUR 10.00');
    expect((await run('rate', { amount: '20', category: 'support' })).text).toContain('EUR 20.00');
    expect(value(await p.storage.getSettings(g.id))).toMatchObject({
      payCurrency: 'EUR',
      payRates: { [`role:${crewId}`]: 1000, 'category:support': 2000 },
    });
  });

  it('/status shows decimal hours and pay: each session at its own rate, rounded, then summed', async () => {
    p.clock.set(WEDNESDAY);
    await p.members.command(ana, 'clockin', { options: { category: 'work' } });
    p.clock.set(WEDNESDAY + HOUR + 20 * MINUTE); // 1h 20m of work at the Crew rate: 13.333… → 13.33
    await p.members.command(ana, 'clockout');
    p.clock.set(WEDNESDAY + HOUR + 20 * MINUTE); // the clock runs on: start again from the same instant
    await p.members.command(ana, 'clockin', { options: { category: 'support' } });
    p.clock.set(WEDNESDAY + 2 * HOUR + 10 * MINUTE); // 50m of support at its rate: 16.666… → 16.67
    await p.members.command(ana, 'clockout');

    const status = await p.members.command(ana, 'status');
    expect(status.ephemeral).toBe(true);
    // 2h 10m = 2.1666… h → 2.17; pay 13.33 + 16.67 = 30.00.
    expect(status.text).toMatch(/Week \(finished\)\n2\.17 h\n💰 EUR 30\.00/);
    expect(status.text).toMatch(/Month \(finished\)\n2\.17 h\n💰 EUR 30\.00/);

    const rates = await p.members.command(g.admin, 'timesheet', { sub: 'rates' });
    expect(rates.text).toContain(`<@&${crewId}> — EUR 10.00 / h`);
    expect(rates.text).toContain('**Support** — EUR 20.00 / h');
  });

  it('the audit trail shows each session with decimal hours and pay', async () => {
    const audit = await p.members.command(g.admin, 'timesheet', {
      sub: 'audit',
      options: { user: ana.userId },
    });
    expect(audit.text).toContain('(1.33 h · EUR 13.33)');
    expect(audit.text).toContain('(0.83 h · EUR 16.67)');
  });

  it('a weekly target: progress in /status, managers see who is below, one reminder before the week ends', async () => {
    const set = await p.members.command(g.admin, 'timesheet', {
      sub: 'target',
      options: { role: crewId, period: 'week', hours: 10 },
    });
    expect(set.text).toContain('**10.00 h** a week');
    const reminder = await p.members.command(g.admin, 'timesheet', {
      sub: 'target-reminder',
      options: { hours: 24 },
    });
    expect(reminder.text).toContain('24 hours before');

    // Ben reaches his target; Ana (2.17 h) does not.
    p.clock.set(WEDNESDAY + 3 * HOUR);
    await p.members.command(ben, 'clockin', { options: { category: 'work' } });
    p.clock.set(WEDNESDAY + 14 * HOUR);
    await p.members.command(ben, 'clockout');

    expect((await p.members.command(ana, 'status')).text).toContain('🎯 2.17 / 10.00 h (21%)');
    const targets = await p.members.command(g.admin, 'timesheet', { sub: 'targets' });
    expect(targets.text).toContain('1 of 2 below target');
    expect(targets.text).toContain(`<@${ana.userId}> — 2.17 / 10.00 h (21%)`);
    expect(targets.text).not.toContain(`<@${ben.userId}> —`);

    // Nothing before the reminder is due…
    p.clock.set(WEEK_END - 25 * HOUR);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await p.emulator.control.dmMessages(ana.userId)).toEqual([]);

    // …then exactly one DM to the member below target when the moved clock reaches it.
    p.clock.set(WEEK_END - 24 * HOUR + MINUTE);
    const dm = await awaitDmMatching(p.emulator.control, ana.userId, /weekly target/);
    expect(textOf(dm)).toContain('**10.00 h**');
    expect(textOf(dm)).toContain('**2.17 h** so far, **7.83 h** to go');

    // Moving the reminder later queues another check in the same week: nobody is reminded twice.
    await p.members.command(g.admin, 'timesheet', { sub: 'target-reminder', options: { hours: 12 } });
    p.clock.set(WEEK_END - 12 * HOUR + MINUTE);
    await eventually(
      async () =>
        value(await p.storage.getSettings(g.id)).targetReminderHours === 12 &&
        (await p.storage.redis.smembers(`tk:{${g.id}}:targets:reminded:week:w2027-03-08`)).length === 1,
      'the claim of the first reminder',
    );
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const dms = (await p.emulator.control.dmMessages(ana.userId)).filter((m) =>
      /weekly target/.test(textOf(m)),
    );
    expect(dms).toHaveLength(1);
    expect(await p.emulator.control.dmMessages(ben.userId)).toEqual([]);
  });
});
