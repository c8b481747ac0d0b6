import { SessionTable } from '../../src/logic/session-table';
import { session } from '../support/sessions';

describe('SessionTable', () => {
  it('gives back every session as it was added, past its first sizes', () => {
    const sessions = Array.from({ length: 3_000 }, (_, i) =>
      session({
        id: `s-${i}-${'x'.repeat(i % 60)}`,
        userId: String(200000000000000000n + BigInt(i % 7)),
        category: ['work', 'break', 'meeting'][i % 3]!,
        start: Date.UTC(2026, 2, 1) + i * 3_600_000,
        end: Date.UTC(2026, 2, 1) + i * 3_600_000 + 1_800_000 + i,
        flags: {
          forced: i % 2 === 0,
          autoClosed: i % 3 === 0,
          edited: i % 5 === 0,
          needsReview: i % 7 === 0,
        },
        ...(i % 11 === 0 ? { description: `note ${i} ✓` } : {}),
        ...(i % 13 === 0 ? { closedBy: '200000000000000009', reason: `reason ${i}` } : {}),
      }),
    );
    const table = SessionTable.of(sessions);
    expect(table.length).toBe(3_000);
    const pick = (s: (typeof sessions)[number]) => ({
      id: s.id,
      userId: s.userId,
      category: s.category,
      start: s.start,
      end: s.end,
      flags: s.flags,
      ...(s.description === undefined ? {} : { description: s.description }),
      ...(s.closedBy === undefined ? {} : { closedBy: s.closedBy }),
      ...(s.reason === undefined ? {} : { reason: s.reason }),
    });
    expect([...table]).toEqual(sessions.map(pick));
    expect(SessionTable.of(table)).toBe(table);
  });
});
