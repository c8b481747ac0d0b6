import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  dailyField,
  gatewayKeys,
  guildPrefix,
  InvalidKeyPartError,
  keys,
  licenseKeys,
} from '../src/model/keys';

const G = '123456789012345678';
const U = '876543210987654321';

/**
 * Sample arguments for every key builder, each paired with the placeholder the README's key table shows
 * for it. A builder missing here fails the test: add its row to the README table and its sample here.
 */
const samples: Record<string, [value: string | number, placeholder: string][]> = {
  'keys.settings': [[G, '<g>']],
  'keys.categories': [[G, '<g>']],
  'keys.activeCategories': [[G, '<g>']],
  'keys.activeSessions': [[G, '<g>']],
  'keys.session': [
    [G, '<g>'],
    ['SESSION-ID', '<session id>'],
  ],
  'keys.guildSessions': [[G, '<g>']],
  'keys.userSessions': [
    [G, '<g>'],
    [U, '<u>'],
  ],
  'keys.lastEnds': [[G, '<g>']],
  'keys.guildTotals': [[G, '<g>']],
  'keys.userTotals': [
    [G, '<g>'],
    [U, '<u>'],
  ],
  'keys.guildDaily': [[G, '<g>']],
  'keys.userDaily': [
    [G, '<g>'],
    [U, '<u>'],
  ],
  'keys.leaderboard': [
    [G, '<g>'],
    ['m2024-03', '<period>'],
    ['deep work', '<category>'],
  ],
  'keys.leaderboardReached': [
    [G, '<g>'],
    ['m2024-03', '<period>'],
    ['deep work', '<category>'],
  ],
  'keys.memberRevs': [[G, '<g>']],
  'keys.longSessions': [[G, '<g>']],
  'keys.periodRebuild': [[G, '<g>']],
  'keys.rangeBoard': [
    [G, '<g>'],
    ['RANGE-TOKEN', '<token>'],
  ],
  'keys.audit': [[G, '<g>']],
  'keys.userAudit': [
    [G, '<g>'],
    [U, '<u>'],
  ],
  'keys.periodLocks': [[G, '<g>']],
  'keys.suspensions': [[G, '<g>']],
  'keys.reviewQueue': [[G, '<g>']],
  'keys.correctionDraft': [
    [G, '<g>'],
    ['DRAFT-ID', '<draft id>'],
  ],
  'keys.processedEvent': [
    [G, '<g>'],
    ['EVENT-ID', '<event id>'],
  ],
  'keys.stats': [[G, '<g>']],
  'keys.dashboards': [[G, '<g>']],
  'keys.notices': [[G, '<g>']],
  'keys.noticeQuiet': [
    [G, '<g>'],
    ['QUIET-KEY', '<quiet key>'],
  ],
  'keys.remindersMuted': [[G, '<g>']],
  'keys.leaderboardHidden': [[G, '<g>']],
  'keys.targetReminded': [
    [G, '<g>'],
    ['PERIOD-ID', '<period id>'],
  ],
  'gatewayKeys.session': [[7001, '<shard>']],
  'licenseKeys.lastGoodVerdict': [],
  'licenseKeys.latestTimeSeen': [],
  'gatewayKeys.identifyBucket': [
    [7002, '<max concurrency>'],
    [7003, '<bucket>'],
  ],
  'gatewayKeys.identifyLog': [[7001, '<shard>']],
  'gatewayKeys.answered': [['300000000000000003', '<interaction id>']],
  'gatewayKeys.rateLimit': [
    ['FAMILY', '<family>'],
    ['user', '<scope>'],
  ],
};

/** Every builder of the keys module, by name, as the README names it. */
function builders(): Map<string, (...args: never[]) => string> {
  const all = new Map<string, (...args: never[]) => string>();
  for (const [group, table] of [
    ['keys', keys],
    ['gatewayKeys', gatewayKeys],
    ['licenseKeys', licenseKeys],
  ] as const) {
    for (const [name, build] of Object.entries(table)) all.set(`${group}.${name}`, build);
  }
  return all;
}

/** The key of one builder written with the README's placeholders. */
function pattern(name: string, build: (...args: never[]) => string): string {
  const args = samples[name];
  if (!args) throw new Error(`no sample arguments for ${name}: add it to the README key table and here`);
  let key = build(...(args.map(([value]) => value) as never[]));
  for (const [value, placeholder] of args) key = key.split(String(value)).join(placeholder);
  return key;
}

/** Builder → key pattern, from the table between the `keys:start` and `keys:end` markers. */
function readmeTable(): Map<string, string> {
  const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('<!-- keys:start -->'), readme.indexOf('<!-- keys:end -->'));
  const rows = new Map<string, string>();
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    const name = /^`([A-Za-z.]+)`$/.exec(cells[1] ?? '')?.[1];
    const key = /^`([^`]+)`/.exec(cells[2] ?? '')?.[1];
    if (name && key) rows.set(name, key);
  }
  return rows;
}

describe('keys', () => {
  it('the README key table lists exactly the builders of the keys module, with their keys', () => {
    const documented = readmeTable();
    const built = new Map([...builders()].map(([name, build]) => [name, pattern(name, build)]));
    expect(documented.size).toBeGreaterThan(20);
    expect(Object.fromEntries(documented)).toEqual(Object.fromEntries(built));
  });

  const table: [string, string, string][] = [
    ['settings', keys.settings(G), `tk:{${G}}:settings`],
    ['session', keys.session(G, 'abc-1'), `tk:{${G}}:session:abc-1`],
    ['user sessions', keys.userSessions(G, U), `tk:{${G}}:user:${U}:sessions`],
    ['board all total', keys.leaderboard(G, 'all', '*'), `tk:{${G}}:lb:all:*`],
    ['board week cat', keys.leaderboard(G, 'w2024-03-04', 'deep work'), `tk:{${G}}:lb:w2024-03-04:deep work`],
    ['board reached', keys.leaderboardReached(G, 'all', '*'), `tk:{${G}}:lb:all:*:reached`],
    ['processed event', keys.processedEvent(G, 'evt_1.a'), `tk:{${G}}:evt:evt_1.a`],
    ['notice quiet', keys.noticeQuiet(G, 'role:1'), `tk:{${G}}:notices:quiet:role:1`],
  ];

  it.each(table)('%s', (_name, actual, expected) => {
    expect(actual).toBe(expected);
    // Every key of a guild carries the same hash tag, so all of them share one cluster slot.
    expect(actual.startsWith(guildPrefix(G))).toBe(true);
  });

  it('builds rate-limit prefixes with and without a family', () => {
    expect(gatewayKeys.rateLimit(undefined, 'guild')).toBe('tk:gateway:rl:guild:');
    expect(gatewayKeys.rateLimit('autocomplete', 'user')).toBe('tk:gateway:rl:autocomplete:user:');
  });

  const bad: [string, () => string][] = [
    ['guild id with a brace', () => keys.settings('12}3')],
    ['empty guild id', () => keys.settings('')],
    ['user id with letters', () => keys.userTotals(G, 'abc')],
    ['session id with a colon', () => keys.session(G, 'a:b')],
    ['event id with a space', () => keys.processedEvent(G, 'a b')],
    ['unknown period', () => keys.leaderboard(G, 'week', '*')],
    ['upper-case category', () => keys.leaderboard(G, 'all', 'Work')],
    ['quiet key with a space', () => keys.noticeQuiet(G, 'a b')],
    ['negative shard', () => gatewayKeys.session(-1)],
    ['fractional bucket', () => gatewayKeys.identifyBucket(16, 1.5)],
    ['interaction id with a star', () => gatewayKeys.answered('1*')],
    ['rate-limit family with a brace', () => gatewayKeys.rateLimit('a{b', 'user')],
  ];

  it.each(bad)('rejects %s', (_name, build) => {
    expect(build).toThrow(InvalidKeyPartError);
  });

  it('builds daily fields', () => {
    expect(dailyField('2024-03-10')).toBe('2024-03-10');
    expect(dailyField('2024-03-10', 'work')).toBe('2024-03-10|work');
  });
});
