/**
 * `/export` end to end: emulator → gateway → export service → JetStream job → the deferred reply edited
 * with the file. Totals in every format equal storage's month totals to the second (a member and the
 * whole server, in Europe/Berlin, over a month with a DST change and sessions crossing both month ends);
 * progress edits for a large export; a kill -9 mid-job still delivers exactly one file; refusals; DM
 * delivery once the reply's token is too old.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import Papa from 'papaparse';
import {
  at,
  awaitDelivery,
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

jest.setTimeout(600_000);

let p: Product;
let guildId: string;
let admin: Member;
let ada: Member;
let bo: Member;
let stranger: string;

/** Storage's own March totals (the month leaderboard), in ms by member. */
async function marchTotals(): Promise<Map<string, number>> {
  const board = await p.storage.leaderboard(guildId, {
    period: 'month',
    at: at('2026-03-15T12:00'),
    limit: 100,
  });
  if (!board.ok) throw new Error(JSON.stringify(board));
  return new Map(board.value.entries.map((e) => [e.userId, e.ms]));
}

function csvTotal(file: Buffer): number {
  const rows = Papa.parse<string[]>(file.toString('utf8').replace(/^\uFEFF/, ''), {
    skipEmptyLines: true,
  }).data;
  return Number(rows.find((row) => row[0] === 'total')![3]);
}

function pdfText(file: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'tk-export-e2e-'));
  writeFileSync(join(dir, 'f.pdf'), file);
  return execFileSync('pdftotext', ['-layout', join(dir, 'f.pdf'), '-'], { encoding: 'utf8' }).replace(
    /[ \t]+/g,
    ' ',
  );
}

function docxText(file: Buffer): string {
  const xml = Buffer.from(unzipSync(new Uint8Array(file))['word/document.xml']!).toString('utf8');
  return xml.replace(/<[^>]+>/g, '');
}

beforeAll(async () => {
  p = await startProduct();
  const guild = await p.emulator.control.createGuild({ shardId: 0, shardCount: 1 });
  guildId = guild.id;
  const add = async (options: { permissions?: string; nick?: string } = {}): Promise<Member> => ({
    guildId,
    userId: (await p.emulator.control.addMember(guildId, options)).userId,
  });
  admin = await add({ permissions: MANAGE_GUILD, nick: 'Mia Manager' });
  ada = await add({ nick: 'Ада Лавлейс' });
  bo = await add({ nick: 'Βο 山田 🎉' });
  stranger = (await p.emulator.control.createUser({ username: 'stranger' })).id;
  await prepareGuild(p.storage, guildId, admin.userId, ZONE);
  await seedSessions(p.storage, ada, [
    { start: at('2026-02-28T22:00'), end: at('2026-03-01T03:00') },
    { start: at('2026-03-15T09:00:00.123'), end: at('2026-03-15T17:30:00.987') },
    { start: at('2026-03-28T23:00'), end: at('2026-03-29T05:00'), category: 'meeting' },
    { start: at('2026-03-31T20:00'), end: at('2026-04-01T02:00') },
  ]);
  await seedSessions(p.storage, bo, [
    { start: at('2026-03-02T08:00:00.500'), end: at('2026-03-02T12:00:00.499') },
    { start: at('2026-03-29T01:30'), end: at('2026-03-29T03:30'), category: 'break' },
  ]);
}, 300_000);

afterAll(async () => {
  await p?.stop();
});

describe('each format arrives as an attachment with storage totals to the second', () => {
  it('CSV for a member: the data file and the totals file', async () => {
    const answer = await runExport(p.emulator, ada, { format: 'csv', ...MARCH });
    expect(answer.first.responseType).toBe(5);
    expect(answer.ephemeral).toBe(true);
    const { final } = await awaitDelivery(p.emulator, answer.interactionId);
    const files = final.files;
    expect(files.map((f) => f.filename).sort()).toEqual([
      `timesheet-2026-03-01_2026-03-31-${ada.userId}-totals.csv`,
      `timesheet-2026-03-01_2026-03-31-${ada.userId}.csv`,
    ]);
    const expected = Math.round((await marchTotals()).get(ada.userId)! / 1000);
    expect(csvTotal(files.find((f) => f.filename.endsWith('-totals.csv'))!.bytes)).toBe(expected);
    const rows = Papa.parse<Record<string, string>>(
      files
        .find((f) => !f.filename.endsWith('-totals.csv'))!
        .bytes.toString('utf8')
        .replace(/^\uFEFF/, ''),
      { header: true, skipEmptyLines: true },
    ).data;
    expect(rows.reduce((sum, row) => sum + Number(row.seconds), 0)).toBe(expected);
    expect(rows[0]!.start).toBe('2026-03-01T00:00:00+01:00');
    expect(rows.at(-1)!.end).toBe('2026-04-01T00:00:00+02:00');
    expect(final.message?.content).toContain('Europe/Berlin');
  });

  it('PDF for the whole server', async () => {
    const answer = await runExport(p.emulator, admin, { format: 'pdf', server: true, ...MARCH });
    const { final } = await awaitDelivery(p.emulator, answer.interactionId);
    expect(final.files).toHaveLength(1);
    const totals = await marchTotals();
    const all = Math.round([...totals.values()].reduce((a, b) => a + b, 0) / 1000);
    const text = pdfText(final.files[0]!.bytes);
    expect(text).toContain(`${all} s)`);
    expect(text).toContain('Ада Лавлейс');
  });

  it('DOCX for another member, by a manager, grouped by day', async () => {
    const answer = await runExport(p.emulator, admin, {
      format: 'docx',
      user: bo.userId,
      group: 'day',
      ...MARCH,
    });
    const { final } = await awaitDelivery(p.emulator, answer.interactionId);
    expect(final.files[0]!.filename).toMatch(/\.docx$/);
    const expected = Math.round((await marchTotals()).get(bo.userId)! / 1000);
    const text = docxText(final.files[0]!.bytes);
    expect(text).toContain(`${expected} s)`);
    expect(text).toContain('Βο 山田 [emoji]');
  });
});

describe('refusals change nothing', () => {
  it.each([
    [
      'another member without the right',
      () => ({ member: ada, options: { format: 'csv', user: bo.userId } }),
      /another member's time needs Manage Server/,
    ],
    [
      'the whole server without the right',
      () => ({ member: ada, options: { format: 'csv', server: true } }),
      /whole server's time needs Manage Server/,
    ],
    [
      'a member who is not in the server',
      () => ({ member: admin, options: { format: 'csv', user: stranger } }),
      /not in this server/,
    ],
    [
      'from after to',
      () => ({ member: ada, options: { format: 'csv', from: '2026-03-10', to: '2026-03-01' } }),
      /is after/,
    ],
    [
      'a malformed date',
      () => ({ member: ada, options: { format: 'csv', from: '2026-13-01' } }),
      /YYYY-MM-DD/,
    ],
    [
      'an unknown category',
      () => ({ member: ada, options: { format: 'csv', category: 'gardening' } }),
      /no category "gardening".*Work/,
    ],
    [
      'a range over a year',
      () => ({ member: ada, options: { format: 'csv', from: '2024-01-01', to: '2026-01-01' } }),
      /at most 366 days/,
    ],
  ])('%s', async (_name, make, message) => {
    const before = await p.storage.auditLog(guildId, 1000);
    const { member, options } = make();
    const answer = await runExport(p.emulator, member, options);
    expect(answer.first.responseType).toBe(4);
    expect(answer.ephemeral).toBe(true);
    expect(refusalText(answer)).toMatch(message);
    expect(await p.storage.auditLog(guildId, 1000)).toEqual(before);
  });

  it('an empty range gives a file that says so', async () => {
    const answer = await runExport(p.emulator, ada, { format: 'csv', from: '2025-06-01', to: '2025-06-30' });
    const { final } = await awaitDelivery(p.emulator, answer.interactionId);
    expect(final.message?.content).toContain('No sessions in this range');
    expect(csvTotal(final.files.find((f) => f.filename.endsWith('-totals.csv'))!.bytes)).toBe(0);
  });
});

describe("over the server's upload limit", () => {
  it('the export arrives compressed into a ZIP, and the message says so', async () => {
    // A guild that allows 24 KiB per file (the emulator refuses larger files with 413, as Discord does).
    const small = await p.emulator.control.createGuild({
      shardId: 0,
      shardCount: 1,
      attachmentSizeLimit: 24 * 1024,
    });
    const member = { guildId: small.id, userId: (await p.emulator.control.addMember(small.id)).userId };
    await prepareGuild(p.storage, small.id, member.userId, ZONE);
    await seedSessions(
      p.storage,
      member,
      Array.from({ length: 200 }, (_, k) => {
        const start = at('2026-03-01T08:00') + k * 3 * 3_600_000;
        return { start, end: start + 45 * 60_000 };
      }),
    );
    const answer = await runExport(p.emulator, member, { format: 'csv', ...MARCH });
    const { final } = await awaitDelivery(p.emulator, answer.interactionId);
    expect(final.message?.content).toContain(
      "larger than this server's 24 KB upload limit, so it is compressed into a ZIP",
    );
    expect(final.files.map((f) => f.filename)).toEqual([
      `timesheet-2026-03-01_2026-03-31-${member.userId}.zip`,
    ]);
    const zip = final.files[0]!.bytes;
    expect(zip.length).toBeLessThanOrEqual(24 * 1024);
    const inside = unzipSync(new Uint8Array(zip));
    const csv = Buffer.from(inside[`timesheet-2026-03-01_2026-03-31-${member.userId}.csv`]!);
    expect(csv.length).toBeGreaterThan(24 * 1024);
    const totals = Buffer.from(inside[`timesheet-2026-03-01_2026-03-31-${member.userId}-totals.csv`]!);
    expect(csvTotal(totals)).toBe(200 * 45 * 60);
  });
});

describe('a large export', () => {
  beforeAll(async () => {
    // 12 members × 250 sessions of 50 minutes through March.
    const members = await Promise.all(
      Array.from({ length: 12 }, async (_, i) => ({
        guildId,
        userId: (await p.emulator.control.addMember(guildId, { nick: `Member ${i}` })).userId,
      })),
    );
    await Promise.all(
      members.map((member, i) =>
        seedSessions(
          p.storage,
          member,
          Array.from({ length: 250 }, (_, k) => {
            const start = at('2026-03-01T00:00') + k * 2.9 * 3_600_000 + i * 60_000;
            return { start, end: start + 50 * 60_000 };
          }),
        ),
      ),
    );
  }, 600_000);

  it('shows progress edits, refuses a second export by the same member meanwhile, and delivers', async () => {
    const answer = await runExport(p.emulator, admin, { format: 'pdf', server: true, ...MARCH });
    const again = await runExport(p.emulator, admin, { format: 'csv' });
    expect(refusalText(again)).toMatch(/already have an export on its way — one at a time per member/);
    const { edits, final } = await awaitDelivery(p.emulator, answer.interactionId, 300_000);
    const progress = edits.filter((e) =>
      /Reading sessions|Rendering [\d,]+ of [\d,]+ sessions/.test(e.message?.content ?? ''),
    );
    expect(progress.length).toBeGreaterThan(0);
    expect(final.files).toHaveLength(1);
    const all = Math.round([...(await marchTotals()).values()].reduce((a, b) => a + b, 0) / 1000);
    expect(pdfText(final.files[0]!.bytes)).toContain(`${all} s)`);
  });

  it('killing the export service mid-job still delivers exactly one file', async () => {
    const answer = await runExport(p.emulator, admin, {
      format: 'pdf',
      server: true,
      group: 'session',
      ...MARCH,
    });
    // Wait until the job is under way (its first progress edit), then kill -9.
    await p.emulator.control.awaitEdit(answer.interactionId, { timeoutMs: 120_000 });
    const killed = await p.exporter.kill();
    expect(killed.signal).toBe('SIGKILL');
    p.exporter.spawn();
    await p.exporter.waitReady(60_000);
    const { final } = await awaitDelivery(p.emulator, answer.interactionId, 300_000);
    expect(final.files).toHaveLength(1);
    // Let a duplicate (if any) arrive, then count every edit that carried a file.
    await new Promise((resolve) => setTimeout(resolve, 20_000));
    const view = await p.emulator.control.interaction(answer.interactionId);
    const withFiles = (await p.emulator.control.events(answer.interactionId, { kinds: ['edit'] })).filter(
      (e) => e.files.length > 0,
    );
    expect(withFiles).toHaveLength(1);
    expect(view.followUpIds).toEqual([]);
    expect(await p.emulator.control.dmMessages(admin.userId)).toEqual([]);
  });
});

describe('past the reply token', () => {
  it('the file goes to the member by DM', async () => {
    p.setClockOffset(20 * 60_000);
    try {
      const answer = await runExport(p.emulator, ada, { format: 'csv', ...MARCH });
      expect(answer.first.responseType).toBe(5);
      const [dm] = await p.emulator.control.awaitDm(ada.userId, { timeoutMs: 60_000 });
      expect(dm!.content).toContain('by DM');
      expect(dm!.attachments.map((a) => a.filename)).toHaveLength(2);
    } finally {
      p.setClockOffset(0);
    }
  });
});
