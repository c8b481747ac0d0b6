import { RecentMap } from '../src/reliability/recent-map';

describe('RecentMap', () => {
  it('keeps at most max entries, forgetting the oldest write first', () => {
    const m = new RecentMap<string, number>(2);
    m.set('a', 1);
    m.set('b', 2);
    m.set('a', 3); // rewriting makes it the newest
    m.set('c', 4);
    expect(m.get('a')).toBe(3);
    expect(m.get('b')).toBeUndefined();
    expect(m.get('c')).toBe(4);
    expect(m.size).toBe(2);
  });

  it('empties and refills without losing entries', () => {
    const m = new RecentMap<string, string>(100_000);
    for (let i = 0; i < 1_000; i++) {
      m.set(`k${i}`, `v${i}`);
      expect(m.get(`k${i}`)).toBe(`v${i}`);
      expect(m.delete(`k${i}`)).toBe(true);
      expect(m.size).toBe(0);
    }
  });
});
