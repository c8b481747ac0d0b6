/**
 * `/export format:audit` end to end (emulator → gateway → export → JetStream job → the deferred reply
 * edited with the file): sessions written and then corrected and deleted through storage, with reasons;
 * a manager's export of the whole server and of one member lists those changes newest first; a member
 * is refused and nothing is queued.
 */
import {
  at,
  awaitDelivery,
  csvRows,
  MANAGE_GUILD,
  MARCH,
  prepareGuild,
  refusalText,
  runExport,
  seedSessions,
  startProduct,
  type Member,
  type Product,
  ZONE,
} from './support';

jest.setTimeout(300_000);

let p: Product;
let admin: Member;
let ada: Member;
let bo: Member;

/** A write that storage applied and accepted. */
function accepted(result: { status: string; outcome?: { ok: boolean } }): void {
  if (result.status !== 'applied' || !result.outcome?.ok) throw new Error(JSON.stringify(result));
}

beforeAll(async () => {
  p = await startProduct();
  const guildId = (await p.emulator.control.createGuild({ shardId: 0, shardCount: 1 })).id;
  const add = async (options: { permissions?: string; nick?: string }): Promise<Member> => ({
    guildId,
    userId: (await p.emulator.control.addMember(guildId, options)).userId,
  });
  admin = await add({ permissions: MANAGE_GUILD, nick: 'Mia Manager' });
  ada = await add({ nick: 'Ada' });
  bo = await add({ nick: 'Bo' });
  await prepareGuild(p.storage, guildId, admin.userId, ZONE);
  await seedSessions(p.storage, ada, [
    { start: at('2026-03-10T09:00'), end: at('2026-03-10T17:00') },
    { start: at('2026-03-11T09:00'), end: at('2026-03-11T12:00') },
  ]);
  await seedSessions(p.storage, bo, [{ start: at('2026-03-12T08:00'), end: at('2026-03-12T10:00') }]);
  const page = await p.storage.sessionsInRange(guildId, {
    userId: ada.userId,
    from: at('2026-03-01T00:00'),
    to: at('2026-04-01T00:00'),
    offset: 0,
    limit: 10,
  });
  if (!page.ok) throw new Error(JSON.stringify(page));
  const [first, second] = [...page.value.sessions].sort((a, b) => a.start - b.start);
  const ctx = (id: string, iso: string, reason: string) => ({
    eventId: `audit-e2e-${id}`,
    now: at(iso),
    actor: admin.userId,
    reason,
  });
  accepted(
    await p.storage.editSession(
      guildId,
      first!.id,
      { end: at('2026-03-10T16:30') },
      ctx('edit', '2026-03-20T10:00', '=left at 16:30, badge log'),
    ),
  );
  accepted(
    await p.storage.deleteSession(guildId, second!.id, ctx('delete', '2026-03-21T10:00', 'not worked')),
  );
}, 180_000);

afterAll(async () => {
  await p?.stop();
});

it('a manager exports the whole server’s audit trail: every change of March, newest first', async () => {
  const answer = await runExport(p.emulator, admin, { format: 'audit', ...MARCH });
  expect(answer.first.responseType).toBe(5);
  expect(answer.ephemeral).toBe(true);
  const { final } = await awaitDelivery(p.emulator, answer.interactionId);
  expect(final.files.map((f) => f.filename)).toEqual(['audit-2026-03-01_2026-03-31.csv']);
  expect(final.message?.content).toMatch(/audit trail export: Everyone on the server.*\n8 changes\./);
  const rows = csvRows(final.files[0]!.bytes);
  expect(rows.map((r) => [r.action, r.member])).toEqual([
    ['session deleted', 'Ada'],
    ['session corrected', 'Ada'],
    ['clocked out', 'Bo'],
    ['clocked in', 'Bo'],
    ['clocked out', 'Ada'],
    ['clocked in', 'Ada'],
    ['clocked out', 'Ada'],
    ['clocked in', 'Ada'],
  ]);
  const edit = rows[1]!;
  expect(edit).toMatchObject({
    when: '2026-03-20T10:00:00+01:00',
    time_zone: ZONE,
    actor_id: admin.userId,
    actor: 'Mia Manager',
    member_id: ada.userId,
    before: '2026-03-10T09:00:00+01:00 – 2026-03-10T17:00:00+01:00 Work (8:00)',
    after: '2026-03-10T09:00:00+01:00 – 2026-03-10T16:30:00+01:00 Work (7:30)',
    // The reason as typed, neutralised for spreadsheets.
    reason: "'=left at 16:30, badge log",
  });
  expect(edit.session_id).not.toBe('');
  expect(rows[0]).toMatchObject({ reason: 'not worked', after: '' });
  expect(rows[0]!.before).toMatch(/^2026-03-11T09:00:00\+01:00 – 2026-03-11T12:00:00\+01:00 Work/);
});

it('one member’s trail, filtered by when the change happened', async () => {
  const answer = await runExport(p.emulator, admin, {
    format: 'audit',
    user: ada.userId,
    from: '2026-03-15',
    to: '2026-03-20',
  });
  const { final } = await awaitDelivery(p.emulator, answer.interactionId);
  expect(final.files.map((f) => f.filename)).toEqual([`audit-2026-03-15_2026-03-20-${ada.userId}.csv`]);
  const rows = csvRows(final.files[0]!.bytes);
  expect(rows.map((r) => [r.action, r.member_id, r.reason])).toEqual([
    ['session corrected', ada.userId, "'=left at 16:30, badge log"],
  ]);
});

it('an empty range gives the headers and says there were no changes', async () => {
  const answer = await runExport(p.emulator, admin, {
    format: 'audit',
    from: '2026-02-01',
    to: '2026-02-28',
  });
  const { final } = await awaitDelivery(p.emulator, answer.interactionId);
  expect(final.message?.content).toMatch(/No changes in this range/);
  const rows = csvRows(final.files[0]!.bytes);
  expect(rows).toHaveLength(1);
  expect(rows[0]!.when).toBe('no changes in this range');
});

it('a member is refused, for the server’s trail and for their own, and nothing is queued', async () => {
  for (const options of [{}, { user: ada.userId }]) {
    const answer = await runExport(p.emulator, ada, { format: 'audit', ...options, ...MARCH });
    expect(answer.first.responseType).toBe(4);
    expect(answer.ephemeral).toBe(true);
    expect(refusalText(answer)).toMatch(/audit trail needs Manage Server or a manager role/);
    const edits = await p.emulator.control.events(answer.interactionId, {
      kinds: ['edit'],
      timeoutMs: 1_000,
    });
    expect(edits).toEqual([]);
  }
});
