/** Completed sessions as storage returns them, made by hand for tests and benchmarks. */
import { splitByLocalDay, type CompletedSession } from '@timekeeper/storage';
import { resolveRange, type ExportRange } from '../../src/logic/range';

let next = 1;

export function session(
  fields: Partial<CompletedSession> & { userId: string; start: number; end: number },
  zone = 'UTC',
): CompletedSession {
  const id = fields.id ?? `s${String(next++).padStart(8, '0')}`;
  return {
    id,
    guildId: '100000000000000001',
    category: 'work',
    source: 'command',
    flags: { forced: false, autoClosed: false, edited: false, needsReview: false },
    pieces: splitByLocalDay(fields.start, fields.end, zone, 'monday'),
    rev: 1,
    durationMs: fields.end - fields.start,
    ...fields,
  };
}

/** Names in many scripts, with formula characters, direction marks, joiners and emoji. */
export const HARD_NAMES: Record<string, string> = {
  '200000000000000001': 'Анна Кузнецова',
  '200000000000000002': 'Γιώργος Παπαδόπουλος',
  '200000000000000003': 'محمد العلي',
  '200000000000000004': '山田太郎',
  '200000000000000005': 'Zoë 🎉🚀 Müller',
  '200000000000000006': '=HYPERLINK("http://x","click")',
  '200000000000000007': '\u200fRTL\u200d mark 👩‍👩‍👧',
  '200000000000000008': '😀'.repeat(500),
  '200000000000000009': 'محمد عبد الله',
  '200000000000000010': 'فاطمة الزهراء (2)',
  '200000000000000011': 'پرستو',
  '200000000000000012': 'דוד כהן',
  '200000000000000013': '张伟',
  '200000000000000014': '刘洋 陈静',
  '200000000000000015': '김민준',
  '200000000000000016': '이서연',
};

/** `count` sessions spread over `days` days from `from`, across the members given. */
export function manySessions(
  count: number,
  from: number,
  members: readonly string[],
  days = 28,
): CompletedSession[] {
  const out: CompletedSession[] = [];
  const categories = ['work', 'break', 'meeting'];
  const slot = Math.floor((days * 86_400_000) / Math.ceil(count / members.length));
  for (let i = 0; i < count; i++) {
    const member = members[i % members.length]!;
    const start = from + Math.floor(i / members.length) * slot + ((i * 7919) % 600_000);
    const end = start + 600_000 + ((i * 104_729) % (slot - 700_000 > 0 ? slot - 700_000 : 1));
    out.push(
      session({
        userId: member,
        start,
        end,
        category: categories[i % 3]!,
        ...(i % 50 === 0 ? { description: `note ${i}: =SUM(A1:A9)` } : {}),
        ...(i % 97 === 0
          ? {
              flags: { forced: true, autoClosed: false, edited: i % 2 === 0, needsReview: false },
              closedBy: members[0]!,
            }
          : {}),
        ...(i % 89 === 0
          ? { flags: { forced: false, autoClosed: true, edited: false, needsReview: true } }
          : {}),
      }),
    );
  }
  return out;
}

/** The range of `from`..`to` in `zone`, failing loudly if the dates are wrong. */
export function rangeOf(from: string, to: string, zone: string): ExportRange {
  const r = resolveRange({ from, to }, zone, Date.parse('2027-01-01T00:00:00Z'));
  if (!r.ok) throw new Error(r.message);
  return r.range;
}
