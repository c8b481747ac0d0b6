import { createCustomIdCodec } from '@timekeeper/contracts';
import { customIds, categoryRef } from '../../src/ids';
import {
  alreadyClockedInView,
  clockedInView,
  clockedOutView,
  switchedView,
  unknownCategoryView,
} from '../../src/views/clock';
import { categoryMenuView, personalDashboardView, sharedDashboardView } from '../../src/views/dashboard';
import { forcedDmEmbeds, forcedView } from '../../src/views/forceclockout';
import { categoryNames } from '../../src/views/names';
import { statusEmbed } from '../../src/views/status';
import { clampPage, whoClockedView } from '../../src/views/whoclocked';
import { textOf } from '@timekeeper/testing';
import { limitProblems } from '../support/limits';

const ids = customIds(createCustomIdCodec({ secret: 'views-test-secret-0123456789abcdef' }));
const G = '1234567890123456789';
const U = '9876543210987654321';
const T = 1_700_000_000_000;
const LONG = 'x'.repeat(50);
const names = categoryNames([
  { key: 'work', displayName: 'Work', color: '#3498db' },
  { key: LONG, displayName: 'X'.repeat(50), color: '#ffffff' },
]);
const text = (body: { content?: string; embeds?: never[] } | object): string => textOf(body as never);

describe('custom ids', () => {
  it('stay within 100 characters with the longest ids and category names', () => {
    const all = [
      ...Object.values(ids.dashboard(G)),
      ids.pickCategory(G, U),
      ids.switchCategory(G, U, LONG),
      ids.clockOut(G, U),
      ids.whoPage(G, 999),
    ];
    for (const id of all) expect(id.length).toBeLessThanOrEqual(100);
    expect(categoryRef('work')).toHaveLength(10);
    expect(categoryRef('work')).not.toBe(categoryRef('break'));
  });
});

describe('clock views', () => {
  it('clocked in: category, start as Discord timestamps, the note, and pending roles', () => {
    const body = clockedInView({
      names,
      category: 'work',
      start: T,
      description: '**fix** bug',
      rolesPending: true,
    });
    const shown = text(body);
    expect(shown).toContain('**Work**');
    expect(shown).toContain('<t:1700000000:t>');
    expect(shown).toContain('<t:1700000000:R>');
    expect(shown).toContain('\\*\\*fix\\*\\* bug');
    expect(shown).toContain('role will be updated shortly');
    expect(body.embeds![0]!.color).toBe(0x3498db);
  });

  it('already clocked in: where and since when, with switch and clock-out buttons', () => {
    const body = alreadyClockedInView({
      names,
      current: { category: 'work', start: T },
      requested: LONG,
      ids: { switchTo: ids.switchCategory(G, U, LONG), clockOut: ids.clockOut(G, U) },
    });
    expect(body.content).toContain('already clocked into **Work**');
    expect(body.content).toContain('<t:1700000000:R>');
    const labels = body.components![0]!.components.map((c) => ('label' in c ? c.label : ''));
    expect(labels).toEqual([expect.stringMatching(/^Switch to X+$/), 'Clock out']);
    expect(limitProblems(body)).toEqual([]);
    const same = alreadyClockedInView({
      names,
      current: { category: 'work', start: T },
      requested: null,
      ids: { switchTo: null, clockOut: ids.clockOut(G, U) },
    });
    expect(same.components![0]!.components).toHaveLength(1);
  });

  it('unknown category: suggestions, or the available list, and says nothing changed', () => {
    const suggest = unknownCategoryView({
      input: 'wrok',
      archived: null,
      suggestions: ['work'],
      available: [],
      names,
    });
    expect(suggest.content).toBe(
      "There's no category called **wrok** here. Did you mean **Work**? Nothing was changed.",
    );
    const list = unknownCategoryView({
      input: '@everyone '.repeat(500),
      archived: null,
      suggestions: [],
      available: Array.from({ length: 30 }, (_, i) => `c${i}`),
      names,
    });
    expect(list.content).toContain('(30 in all)');
    expect(list.content).not.toContain('@everyone');
    expect(limitProblems(list)).toEqual([]);
    const archived = unknownCategoryView({
      input: 'work',
      archived: 'work',
      suggestions: [],
      available: [],
      names,
    });
    expect(archived.content).toContain('**Work** is archived');
  });

  it('clocked out: start → end, duration, today and week, and the cap note', () => {
    const body = clockedOutView({
      names,
      session: { category: 'work', start: T, end: T + 12 * 3_600_000, durationMs: 12 * 3_600_000 },
      capped: true,
      maxSessionMs: 12 * 3_600_000,
      totals: { todayMs: 3_600_000, weekMs: 13 * 3_600_000 },
      rolesPending: false,
    });
    const shown = text(body);
    expect(shown).toContain('<t:1700000000:f> → <t:1700043200:f>');
    expect(shown).toContain('12h 00m');
    expect(shown).toContain('maximum of 12h 00m');
    expect(shown).toMatch(/Today\n1h 00m/);
    expect(shown).toMatch(/This week\n13h 00m/);
    expect(limitProblems(body)).toEqual([]);
  });

  it('switched: what was saved and where the member is now', () => {
    const shown = text(
      switchedView({
        names,
        closed: { category: 'work', durationMs: 65 * 60_000 },
        capped: false,
        opened: { category: LONG, start: T },
        rolesPending: false,
      }),
    );
    expect(shown).toContain('Saved 1h 05m in **Work**');
    expect(shown).toContain(`now clocked into **${'X'.repeat(50)}**`);
  });
});

const noPay = { currency: null, standings: [] };

describe('status', () => {
  it('decimal hours, pay and target progress of the week and month', () => {
    const embed = statusEmbed({
      names,
      now: T,
      totals: { todayMs: 0, weekMs: 0, monthMs: 0, allTimeMs: 7_800_000, topCategories: [] },
      active: null,
      currency: 'EUR',
      standings: [
        {
          period: 'week',
          total: { ms: 7_800_000, pay: 3000, unpaidMs: 0 },
          target: { period: 'week', minutes: 600, roleId: '1' },
        },
        { period: 'month', total: { ms: 7_800_000, pay: 0, unpaidMs: 7_800_000 }, target: null },
      ],
    });
    const shown = text({ embeds: [embed] });
    expect(shown).toMatch(/Week \(finished\)\n2\.17 h\n💰 EUR 30\.00\n🎯 2\.17 \/ 10\.00 h \(21%\)/);
    // No rate covers any of the month: hours, no pay line.
    expect(shown).toMatch(/Month \(finished\)\n2\.17 h$/);
  });

  const totals = {
    todayMs: 3_600_000,
    weekMs: 7_200_000,
    monthMs: 9_000_000,
    allTimeMs: 20_000_000,
    topCategories: [],
  };
  it('while clocked in: elapsed time and today including the running session', () => {
    const embed = statusEmbed({
      names,
      now: T + 30 * 60_000,
      totals,
      active: { category: 'work', start: T, todayMs: 30 * 60_000, weekMs: 30 * 60_000 },
      ...noPay,
    });
    const shown = text({ embeds: [embed] });
    expect(shown).toMatch(/This session\n30m/);
    expect(shown).toMatch(/Today\n1h 30m/);
  });

  it('when clocked out: today, week, month, all time and top categories', () => {
    const top = Array.from({ length: 5 }, (_, i) => ({ category: i === 0 ? LONG : `c${i}`, ms: 1_000_000 }));
    const embed = statusEmbed({
      names,
      now: T,
      totals: { ...totals, topCategories: top },
      active: null,
      ...noPay,
    });
    const shown = text({ embeds: [embed] });
    expect(shown).toMatch(/This month\n2h 30m/);
    expect(shown).toContain('Top categories');
    expect(limitProblems({ embeds: [embed] })).toEqual([]);
    const none = statusEmbed({ names, now: T, totals: { ...totals, allTimeMs: 0 }, active: null, ...noPay });
    expect(none.description).toContain("haven't tracked any time");
  });
});

describe("who's clocked in", () => {
  const sessions = Array.from({ length: 23 }, (_, i) => ({
    userId: String(200000000000000000n + BigInt(i)),
    category: LONG,
    start: T + i,
  }));

  it('pages ten at a time, longest first, with ◀ ▶ that stay within limits', () => {
    const first = whoClockedView({ names, sessions, page: 0, pageId: (n) => ids.whoPage(G, n) });
    expect(first.embeds![0]!.title).toBe('👥 Clocked in now — 23');
    expect(first.embeds![0]!.description!.split('\n')).toHaveLength(10);
    expect(first.embeds![0]!.footer!.text).toContain('Page 1 of 3');
    const [prev, next] = first.components![0]!.components;
    expect(prev).toMatchObject({ disabled: true });
    expect(next).not.toHaveProperty('disabled');
    expect(limitProblems(first)).toEqual([]);
    const last = whoClockedView({ names, sessions, page: 7, pageId: (n) => ids.whoPage(G, n) });
    expect(last.embeds![0]!.description!.split('\n')).toEqual([
      expect.stringMatching(/^\*\*21\.\*\*/),
      expect.anything(),
      expect.anything(),
    ]);
    expect(clampPage(-3, 23)).toBe(0);
    expect(clampPage(Number.NaN, 23)).toBe(0);
  });

  it('says so when nobody is clocked in', () => {
    expect(text(whoClockedView({ names, sessions: [], page: 0, pageId: () => 'x' }))).toContain('Nobody');
  });
});

describe('dashboards', () => {
  it('shared: who is in (ten, then a count), the four buttons, within limits with long names', () => {
    const sessions = Array.from({ length: 40 }, (_, i) => ({
      userId: String(300000000000000000n + BigInt(i)),
      category: LONG,
      start: T,
    }));
    const body = sharedDashboardView({ names, sessions, now: T, ids: ids.dashboard(G) });
    const shown = text(body);
    expect(shown).toContain('Clocked in now (40)');
    expect(shown).toContain('…and 30 more');
    expect(body.components![0]!.components.map((c) => ('label' in c ? c.label : ''))).toEqual([
      'Clock in',
      'Clock out',
      'My stats',
      "Who's clocked in",
    ]);
    expect(limitProblems(body)).toEqual([]);
  });

  it('personal: the member status with the same buttons', () => {
    const body = personalDashboardView({
      names,
      now: T,
      totals: { todayMs: 0, weekMs: 0, monthMs: 0, allTimeMs: 0, topCategories: [] },
      active: null,
      ...noPay,
      ids: ids.dashboard(G),
    });
    expect(body.embeds![0]!.title).toContain('Your dashboard');
    expect(limitProblems(body)).toEqual([]);
  });

  it('category menu: at most 25 options, long descriptions cut, and a hint about the rest', () => {
    const categories = Array.from({ length: 50 }, (_, i) => ({ key: `c${i}`, description: 'd'.repeat(200) }));
    const body = categoryMenuView({ names, categories, customId: ids.pickCategory(G, U) });
    expect(body.content).toContain('Showing 25 of 50');
    expect(limitProblems(body)).toEqual([]);
  });
});

describe('forced clock-out', () => {
  const session = { userId: U, category: 'work', start: T, end: T + 3_600_000, durationMs: 3_600_000 };
  it("the manager's answer and the member's DM say who, why and what was credited", () => {
    const reason = 'Forgot to clock out @everyone '.repeat(10);
    const answer = text(forcedView({ names, session, reason, capped: false, notified: true }));
    expect(answer).toContain(`<@${U}>`);
    expect(answer).toContain('1h 00m');
    expect(answer).not.toContain('@everyone');
    const dm = forcedDmEmbeds({
      names,
      session,
      actorId: '42',
      reason: null,
      capped: true,
      link: 'https://discord.com/channels/1/2',
    });
    const shown = text({ embeds: dm });
    expect(shown).toContain('<@42> clocked you out of **Work** in https://discord.com/channels/1/2');
    expect(shown).toContain('None given');
    expect(shown).toContain('maximum length');
    expect(limitProblems({ embeds: dm })).toEqual([]);
  });
});
