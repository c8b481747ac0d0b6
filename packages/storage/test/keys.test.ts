import { dailyField, guildPrefix, InvalidKeyPartError, keys } from '../src/model/keys';

const G = '123456789012345678';
const U = '876543210987654321';

describe('keys', () => {
  const table: [string, string, string][] = [
    ['settings', keys.settings(G), `tk:{${G}}:settings`],
    ['categories', keys.categories(G), `tk:{${G}}:categories`],
    ['active categories', keys.activeCategories(G), `tk:{${G}}:categories:active`],
    ['active sessions', keys.activeSessions(G), `tk:{${G}}:active`],
    ['session', keys.session(G, 'abc-1'), `tk:{${G}}:session:abc-1`],
    ['guild sessions', keys.guildSessions(G), `tk:{${G}}:sessions`],
    ['user sessions', keys.userSessions(G, U), `tk:{${G}}:user:${U}:sessions`],
    ['guild totals', keys.guildTotals(G), `tk:{${G}}:totals`],
    ['user totals', keys.userTotals(G, U), `tk:{${G}}:user:${U}:totals`],
    ['guild daily', keys.guildDaily(G), `tk:{${G}}:daily`],
    ['user daily', keys.userDaily(G, U), `tk:{${G}}:user:${U}:daily`],
    ['board all total', keys.leaderboard(G, 'all', '*'), `tk:{${G}}:lb:all:*`],
    ['board week cat', keys.leaderboard(G, 'w2024-03-04', 'deep work'), `tk:{${G}}:lb:w2024-03-04:deep work`],
    ['board month', keys.leaderboard(G, 'm2024-03', 'work'), `tk:{${G}}:lb:m2024-03:work`],
    ['board reached', keys.leaderboardReached(G, 'all', '*'), `tk:{${G}}:lb:all:*:reached`],
    ['audit', keys.audit(G), `tk:{${G}}:audit`],
    ['processed event', keys.processedEvent(G, 'evt_1.a'), `tk:{${G}}:evt:evt_1.a`],
    ['stats', keys.stats(G), `tk:{${G}}:stats`],
  ];

  it.each(table)('%s', (_name, actual, expected) => {
    expect(actual).toBe(expected);
    // Every key of a guild carries the same hash tag, so all of them share one cluster slot.
    expect(actual.startsWith(guildPrefix(G))).toBe(true);
  });

  const bad: [string, () => string][] = [
    ['guild id with a brace', () => keys.settings('12}3')],
    ['empty guild id', () => keys.settings('')],
    ['user id with letters', () => keys.userTotals(G, 'abc')],
    ['session id with a colon', () => keys.session(G, 'a:b')],
    ['event id with a space', () => keys.processedEvent(G, 'a b')],
    ['unknown period', () => keys.leaderboard(G, 'week', '*')],
    ['upper-case category', () => keys.leaderboard(G, 'all', 'Work')],
  ];

  it.each(bad)('rejects %s', (_name, build) => {
    expect(build).toThrow(InvalidKeyPartError);
  });

  it('builds daily fields', () => {
    expect(dailyField('2024-03-10')).toBe('2024-03-10');
    expect(dailyField('2024-03-10', 'work')).toBe('2024-03-10|work');
  });
});
