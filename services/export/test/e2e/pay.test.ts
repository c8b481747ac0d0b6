/**
 * Pay in exports, end to end (emulator → gateway → export → file): a member with a role rate and a
 * category rate, sessions in both categories. Each row's pay is its exact duration × its rate rounded
 * half up to the cent; totals are the sum of the rows; decimal hours sit beside them.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  awaitDelivery,
  csvRows,
  MANAGE_GUILD,
  prepareGuild,
  runExport,
  seedSessions,
  startProduct,
  type Member,
  type Product,
} from './support';

jest.setTimeout(300_000);

const MINUTE = 60_000;
const DAY = { from: '2026-03-10', to: '2026-03-10' };
const NINE = Date.UTC(2026, 2, 10, 9);

let p: Product;
let ana: Member;

beforeAll(async () => {
  p = await startProduct();
  const guildId = (await p.emulator.control.createGuild({ shardId: 0, shardCount: 1 })).id;
  const crewId = (await p.emulator.control.createRole(guildId, { name: 'Crew' })).id;
  const admin = (await p.emulator.control.addMember(guildId, { permissions: MANAGE_GUILD })).userId;
  ana = { guildId, userId: (await p.emulator.control.addMember(guildId, { roles: [crewId] })).userId };
  await prepareGuild(p.storage, guildId, admin, 'UTC');
  const saved = await p.storage.updateSettings(
    guildId,
    { payCurrency: 'EUR', payRates: { [`role:${crewId}`]: 1000, 'category:meeting': 2000 } },
    { eventId: 'pay-rates', now: Date.now(), actor: admin },
  );
  if (saved.status !== 'applied' || !saved.outcome.ok) throw new Error(JSON.stringify(saved));
  await seedSessions(p.storage, ana, [
    // 1h 20m of work at the Crew rate (10.00): 13.333… → 13.33
    { start: NINE, end: NINE + 80 * MINUTE },
    // 50m of meeting at the category rate (20.00, wins over the role's): 16.666… → 16.67
    { start: NINE + 90 * MINUTE, end: NINE + 140 * MINUTE, category: 'meeting' },
  ]);
}, 120_000);

afterAll(async () => {
  await p?.stop();
});

it('CSV: a pay column per session, and totals that are the sum of the rows', async () => {
  const answer = await runExport(p.emulator, ana, { format: 'csv', ...DAY });
  const { final } = await awaitDelivery(p.emulator, answer.interactionId);
  const rows = csvRows(final.files.find((f) => !f.filename.endsWith('-totals.csv'))!.bytes);
  expect(rows.map((r) => [r.category, r.hours, r.pay])).toEqual([
    ['Work', '1.33', '13.33'],
    ['Meeting', '0.83', '16.67'],
  ]);
  const totals = csvRows(final.files.find((f) => f.filename.endsWith('-totals.csv'))!.bytes);
  expect(totals.find((r) => r.section === 'total')).toMatchObject({ hours: '2.17', pay: '30.00' });
  expect(totals.find((r) => r.section === 'category' && r.name === 'Meeting')).toMatchObject({
    pay: '16.67',
  });
  expect(totals.some((r) => r.name === 'currency: EUR')).toBe(true);
});

it('PDF: the pay column and the total sentence', async () => {
  const answer = await runExport(p.emulator, ana, { format: 'pdf', ...DAY });
  const { final } = await awaitDelivery(p.emulator, answer.interactionId);
  const dir = mkdtempSync(join(tmpdir(), 'tk-export-pay-'));
  writeFileSync(join(dir, 'f.pdf'), final.files[0]!.bytes);
  const text = execFileSync('pdftotext', ['-layout', join(dir, 'f.pdf'), '-'], { encoding: 'utf8' });
  expect(text).toContain('Pay (EUR)');
  expect(text).toMatch(/2\.17 h, 7800 s\) in 2 sessions; pay EUR 30\.00/);
  expect(text).toMatch(/16\.67/);
});
