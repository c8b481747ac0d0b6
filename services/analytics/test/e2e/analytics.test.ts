/**
 * Leaderboards and insights through the real gateway and the emulator: an empty server, clocking,
 * paging, the caller's own place off the page, private boards, permissions for another member's
 * insights, bad input, and the chart attachments decoded as PNGs of the stated size.
 */
import { readFileSync } from 'node:fs';
import { pngDimensions } from '@timekeeper/charts';
import { SERVICE_NODE_FLAGS } from '@timekeeper/contracts';
import type { APIMessage } from 'discord-api-types/v10';
import { HOUR, startProduct, type Member, type Product } from './support';

jest.setTimeout(240_000);

let p: Product;
let g: Awaited<ReturnType<Product['guild']>>;
let ana: Member;
let ben: Member;
let cy: Member;
let never: Member;

beforeAll(async () => {
  p = await startProduct();
  g = await p.guild();
  [ana, ben, cy, never] = [await g.member(), await g.member(), await g.member(), await g.member()];
}, 240_000);
afterAll(async () => {
  await p?.stop();
});

async function clock(member: Member, hours: number): Promise<void> {
  const start = await p.slash(member, 'clockin', { category: 'work' });
  expect(start.text).toMatch(/clocked in/i);
  p.clock.advance(hours * HOUR);
  const end = await p.slash(member, 'clockout');
  expect(end.text).toMatch(/clocked out/i);
}

async function attachments(message: APIMessage | null) {
  const files = await p.emulator.control.files({ messageId: message!.id });
  return files.filter((f) => f.filename.endsWith('.png'));
}

it("runs with the analytics service's node flags (a small young generation)", () => {
  const pid = p.stack.service('analytics').pid!;
  const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  expect(SERVICE_NODE_FLAGS.analytics).toContain('--max-semi-space-size=2');
  for (const flag of SERVICE_NODE_FLAGS.analytics) expect(argv).toContain(flag);
});

describe('an empty server and a member who never clocked in', () => {
  it('the board says the period is empty', async () => {
    const answer = await p.slash(never, 'leaderboard');
    expect(answer.text).toContain('Nobody tracked any time in this period yet.');
  });

  it('insights say what is missing instead of a score, with a chart of the stated size', async () => {
    const answer = await p.slash(never, 'insights');
    expect(answer.ephemeral).toBe(true);
    expect(answer.text).toContain('Not enough data yet');
    expect(answer.text).toContain('No tracked time in this period, so no rank yet.');
    const [png] = await attachments(answer.message);
    const embed = answer.message!.embeds[0]!;
    expect(pngDimensions(png!.bytes)).toEqual({ width: embed.image!.width, height: embed.image!.height });
  });
});

describe('after clocking', () => {
  beforeAll(async () => {
    // Monday 10:00 UTC, so every session falls in one day and one week.
    p.clock.set(Date.UTC(2026, 10, 30, 10));
    await clock(ana, 3);
    await clock(cy, 2);
    await clock(ben, 1);
  });

  it('ranks by time, one member per page, with the caller shown even off the page', async () => {
    const first = await p.slash(ben, 'leaderboard', { timeframe: 'today', limit: 1 });
    expect(first.text).toContain(`<@${ana.userId}> — 3h 00m`);
    expect(first.text).not.toContain(`<@${cy.userId}>`);
    expect(first.text).toContain('#3 of 3 — 1h 00m');
    const second = await p.click(ben, first.message!, 'Next');
    expect(second.text).toContain(`<@${cy.userId}> — 2h 00m`);
    expect(second.text).toContain('Page 2 of 3');
    const third = await p.click(ben, second.message!, 'Next');
    expect(third.text).toContain('1h 00m ← you');
    expect(third.text).toContain('(on this page)');
  });

  it('custom ranges and categories read the same boards; bad input is refused', async () => {
    const range = await p.slash(ana, 'leaderboard', {
      from: '2026-11-01',
      to: '2026-11-30',
      category: 'Work',
    });
    expect(range.text).toContain('2026-11-01 to 2026-11-30');
    expect(range.text).toContain(`🥇 <@${ana.userId}> — 3h 00m ← you`);
    const swapped = await p.slash(ana, 'leaderboard', { from: '2026-11-30', to: '2026-11-01' });
    expect(swapped.ephemeral).toBe(true);
    expect(swapped.text).toContain('swap them');
    const future = await p.slash(ana, 'leaderboard', { from: '2026-11-01', to: '2027-01-01' });
    expect(future.text).toContain('in the future');
    const unknown = await p.slash(ana, 'leaderboard', { category: 'nope' });
    expect(unknown.text).toContain('There is no category "nope"');
  });

  it("another member's insights need a manager; the server view too", async () => {
    const refused = await p.slash(ben, 'insights', { user: ana.userId });
    expect(refused.ephemeral).toBe(true);
    expect(refused.text).toContain("Only managers can see another member's insights");
    const server = await p.slash(ben, 'insights', { server: true });
    expect(server.text).toContain('for managers');

    const shown = await p.slash(g.admin, 'insights', { user: ana.userId, period: '7d' });
    expect(shown.ephemeral).toBe(true);
    expect(shown.text).toContain(`<@${ana.userId}> tracked **3h 00m**`);
    expect(shown.text).toContain('Rank **#1** of 3 — more time than 100% of the others');
    const [png] = await attachments(shown.message);
    const embed = shown.message!.embeds[0]!;
    expect(pngDimensions(png!.bytes)).toEqual({ width: embed.image!.width, height: embed.image!.height });

    const view = await p.slash(g.admin, 'insights', { server: true, period: '7d' });
    expect(view.text).toContain('**6h 00m**');
    expect(view.text).toContain('Active members');
    expect((await attachments(view.message)).map((f) => f.filename).sort()).toEqual([
      'busiest-hours.png',
      'server-days.png',
    ]);
  });

  it('a server that opts out of public boards answers privately, other members anonymous', async () => {
    const set = await p.slash(g.admin, 'config', { public: false }, 'leaderboards');
    expect(set.text).toContain('Leaderboards are private');
    const board = await p.slash(ben, 'leaderboard', { timeframe: 'today' });
    expect(board.ephemeral).toBe(true);
    expect(board.text).not.toContain(`<@${ana.userId}>`);
    expect(board.text).toContain('a member — 3h 00m');
    expect(board.text).toContain(`<@${ben.userId}> — 1h 00m ← you`);
  });
});

describe('members who hide, members who left, and refused targets', () => {
  let h: Awaited<ReturnType<Product['guild']>>;
  let dee: Member;
  let eve: Member;
  let fay: Member;
  let gus: Member;

  beforeAll(async () => {
    h = await p.guild();
    [dee, eve, fay, gus] = [await h.member(), await h.member(), await h.member(), await h.member()];
    p.clock.set(Date.UTC(2026, 11, 1, 9));
    await clock(dee, 4);
    await clock(eve, 3);
    await clock(fay, 2);
    await clock(gus, 1);
  });

  it('a member who left is shown by id, not dropped and not as a mention', async () => {
    await p.emulator.control.removeMember(h.id, gus.userId);
    const board = await p.slash(dee, 'leaderboard', { timeframe: 'today', limit: 5 });
    expect(board.text).toContain(`member \`${gus.userId}\` (left the server) — 1h 00m`);
    expect(board.text).not.toContain(`<@${gus.userId}>`);
    expect(board.text).toContain(`<@${eve.userId}> — 3h 00m`);
  });

  it('a member who opts out is hidden from others on public boards but sees their own rank', async () => {
    const hide = await p.slash(eve, 'leaderboard', { visibility: 'hide' });
    expect(hide.ephemeral).toBe(true);
    expect(hide.text).toContain('You are hidden from others');
    const seenByOthers = await p.slash(dee, 'leaderboard', { timeframe: 'today' });
    expect(seenByOthers.ephemeral).toBe(false);
    expect(seenByOthers.text).not.toContain(`<@${eve.userId}>`);
    expect(seenByOthers.text).toContain('a member — 3h 00m');
    expect(seenByOthers.text).toContain(`<@${dee.userId}> — 4h 00m ← you`);
    const own = await p.slash(eve, 'leaderboard', { timeframe: 'today' });
    expect(own.text).toContain(`<@${eve.userId}> — 3h 00m ← you`);
    expect(own.text).toContain('#2 of 4 — 3h 00m');
    // Back in: named again.
    await p.slash(eve, 'leaderboard', { visibility: 'show' });
    const shown = await p.slash(dee, 'leaderboard', { timeframe: 'today' });
    expect(shown.text).toContain(`<@${eve.userId}> — 3h 00m`);
  });

  it('a server that does not allow opting out refuses it and changes nothing', async () => {
    const set = await p.slash(h.admin, 'config', { opt_out: false }, 'leaderboards');
    expect(set.text).toContain('can no longer hide');
    const refused = await p.slash(fay, 'leaderboard', { visibility: 'hide' });
    expect(refused.ephemeral).toBe(true);
    expect(refused.text).toContain('does not let members hide');
    expect(await p.storage.redis.hlen(`tk:{${h.id}}:prefs:leaderboard-hidden`)).toBe(0);
    const board = await p.slash(dee, 'leaderboard', { timeframe: 'today' });
    expect(board.text).toContain(`<@${fay.userId}> — 2h 00m`);
    await p.slash(h.admin, 'config', { opt_out: true }, 'leaderboards');
  });

  it('insights for a bot or someone not in the server are refused, and nothing changes', async () => {
    const keysBefore = (await p.storage.redis.keys(`tk:{${h.id}}:*`)).sort();
    const auditBefore = await p.storage.redis.xlen(`tk:{${h.id}}:audit`);
    const bot = await p.slash(h.admin, 'insights', { user: p.emulator.botUserId });
    expect(bot.ephemeral).toBe(true);
    expect(bot.text).toContain('is a bot; bots do not track time');
    const stranger = await p.emulator.control.createUser({});
    const outsider = await p.slash(h.admin, 'insights', { user: stranger.id });
    expect(outsider.ephemeral).toBe(true);
    expect(outsider.text).toContain('is not a member of this server');
    expect(outsider.message?.attachments ?? []).toEqual([]);
    expect((await p.storage.redis.keys(`tk:{${h.id}}:*`)).sort()).toEqual(keysBefore);
    expect(await p.storage.redis.xlen(`tk:{${h.id}}:audit`)).toBe(auditBefore);
  });
});
