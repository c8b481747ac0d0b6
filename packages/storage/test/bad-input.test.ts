import fc from 'fast-check';
import { InvalidInputError, Storage } from '../src';
import { WRITE_OPS } from '../src/repo/commands';
import { StorageRecords } from '../src/storage-records';
import { applied, GUILD as G, startStorage, stopStorage, user, type Harness } from './fixture';

/**
 * The generated bad-input suite: every public storage method, called with one argument (or one field of
 * an argument) replaced by a bad value, answers with a typed refusal (`INVALID_INPUT`, or
 * `InvalidInputError` for the records) — never a raw `RangeError`, `TypeError` or Redis `ReplyError` —
 * echoes little of it, and leaves every key in Redis exactly as it was.
 */

const NOW = Date.now();
const H = 3_600_000;
const ACTIVE = user(2); // clocked in since NOW − 2 h
const IDLE = user(3); // never clocked in: a write that slipped through would change something
let h: Harness;
let sessionId = '';
let activeId = '';
let seq = 0;

beforeAll(async () => {
  h = await startStorage({ usageCounters: 'off' });
  const s = h.storage;
  const ctx = (now: number, actor = user(1)) => ({ eventId: `seed-${++seq}`, now, actor });
  applied(await s.ensureDefaults(G, ctx(NOW - 5 * H)));
  applied(await s.clockIn({ guildId: G, userId: user(1), category: 'work' }, ctx(NOW - 4 * H)));
  const closed = applied(await s.clockOut({ guildId: G, userId: user(1) }, ctx(NOW - 3 * H)));
  if (!closed.ok) throw new Error(closed.code);
  sessionId = closed.session.id;
  const opened = applied(
    await s.clockIn({ guildId: G, userId: ACTIVE, category: 'work' }, ctx(NOW - 2 * H, ACTIVE)),
  );
  if (!opened.ok) throw new Error(opened.code);
  activeId = opened.session.id;
  await s.saveDashboard({
    guildId: G,
    channelId: '500',
    messageId: '600',
    createdBy: user(1),
    createdAt: NOW,
  });
  await s.recordNotice(G, { at: NOW, kind: 'dm-failed', message: 'seeded' });
}, 60_000);
afterAll(() => stopStorage(h));

// ── bad values ────────────────────────────────────────────────────────────────────────────────────

const LONG = 'x'.repeat(10_000);
const badObject = fc.constantFrom<unknown>(null, 'text', 42, [], true);
const badId = fc.constantFrom<unknown>(
  '',
  '7a',
  '0000000000000000007',
  '007',
  '99999999999999999999',
  '18446744073709551616',
  '-1',
  ' 1',
  '1 ',
  7,
  null,
  {},
  LONG,
);
const badTime = fc.constantFrom<unknown>(
  NaN,
  Infinity,
  -Infinity,
  -1,
  0,
  1.5,
  NOW + 0.5,
  9e15,
  Date.UTC(2100, 0, 1),
  Date.UTC(2014, 11, 31),
  String(NOW),
  null,
  {},
);
const badCount = fc.constantFrom<unknown>(NaN, -1, 1.5, Infinity, '10', null, {});
const badBound = fc.constantFrom<unknown>(NaN, Infinity, -1, 1.5, 9e15, String(NOW), null, {});
const badCategory = fc.constantFrom<unknown>(
  '',
  '   ',
  LONG,
  'x'.repeat(51),
  'wo\u2028rk',
  'wo\u2029rk',
  'a\u0000b',
  'tab\there',
  'new\nline',
  'zero\u200bwidth',
  'ümlaut',
  5,
  null,
  {},
  [],
);
const badEventId = fc.constantFrom<unknown>('', 'a b', 'x'.repeat(101), 'a:b', '{x}', null, 7);
const badDate = fc.constantFrom<unknown>(
  '',
  'x',
  '24-01-01',
  '2024-1-1',
  '2024-13-01',
  '2024-02-30',
  '2014-12-31',
  '9999-12-31',
  ' 2024-01-01',
  LONG,
  5,
  null,
  {},
);
const badPeriodId = fc.constantFrom<unknown>(
  '',
  'week',
  'w2024',
  'd2024-1-1',
  '3.w2024-03-04',
  'ALL',
  LONG,
  5,
  null,
);
const badDraftId = fc.constantFrom<unknown>('', 'a b', 'x'.repeat(101), 'a:b', '{x}', null, 7, {});
const badDraft = fc.constantFrom<unknown>(undefined, null, 'text', 42, [], { big: LONG + LONG }, { n: 10n });
const badReason = fc.constantFrom<unknown>('x'.repeat(201), 5, null, {});
const badText = fc.constantFrom<unknown>('x'.repeat(501), LONG, 5, {}, []);
const badSettings = fc.constantFrom<unknown>(
  { timeZone: '+05:00' },
  { timeZone: 'EST' },
  { timeZone: 'Nowhere/City' },
  { timeZone: 'europe/berlin ' },
  { timeZone: 5 },
  { unknownField: 1 },
  { schemaVersion: 2 },
  { managerRoleIds: [7] },
  { managerRoleIds: ['007'] },
  { managerRoleIds: '1' },
  { activityLogChannelId: 123 },
  { activityLogChannelId: '99999999999999999999' },
  { roles: { guildRoleId: 5, categoryRoleIds: {} } },
  { roles: null },
  { roles: { guildRoleId: null, categoryRoleIds: { work: '1' }, extra: 1 } },
  { maxSessionMs: NaN },
  { maxSessionMs: 1 },
  { weekStart: 'funday' },
  { reminderIntervalMs: 1.5 },
  { timeZone: 'UTC', [LONG]: 1 },
  null,
  'x',
  [],
);
const badCategoryInput = fc.constantFrom<unknown>(
  { name: 'wo\u2028rk' },
  { name: 'x'.repeat(51) },
  { name: 'all' },
  { name: 'Total' },
  { name: '' },
  { name: 5 },
  { name: LONG },
  { name: 'ok', color: 'red' },
  { name: 'ok', productivityWeight: NaN },
  { name: 'ok', productivityWeight: 6 },
  { name: 'ok', description: 'x'.repeat(201) },
  null,
  [],
);
const badCategoryPatch = fc.constantFrom<unknown>(
  { displayName: 'no/slash' },
  { displayName: 'wo\u2028rk' },
  { color: '#12345' },
  { productivityWeight: -1 },
  { description: 5 },
  null,
  [],
);
const badNotice = fc.constantFrom<unknown>(
  { at: 9e15, kind: 'dm-failed', message: 'm' },
  { at: 0, kind: 'dm-failed', message: 'm' },
  { at: NOW, kind: 'nope', message: 'm' },
  { at: NOW, kind: 'dm-failed', message: '' },
  { at: NOW, kind: 'dm-failed', message: 'x'.repeat(501) },
  null,
  'text',
);
const badQuiet = fc.constantFrom<unknown>(
  { key: 'a b', windowMs: 1000 },
  { key: 'k', windowMs: NaN },
  { key: 'k', windowMs: -5 },
  { key: 'k', windowMs: 1e12 },
  { key: '', windowMs: 1 },
  null,
  'text',
);

// ── every public method, with the slots a bad value may go into ──────────────────────────────────

/** Which argument (or field of one) is bad, and its value. */
interface Bad {
  readonly slot: string;
  readonly value: unknown;
}
type Kind = 'write' | 'read' | 'record';
interface Method {
  readonly kind: Kind;
  readonly slots: Record<string, fc.Arbitrary<unknown>>;
  readonly call: (s: Storage, b: Bad, v: (slot: string, ok: unknown) => unknown) => Promise<unknown>;
}

const ctxSlots = { ctx: badObject, eventId: badEventId, now: badTime, actor: badId, reason: badReason };
const ctxOf = (b: Bad, v: (slot: string, ok: unknown) => unknown): never =>
  (b.slot === 'ctx'
    ? b.value
    : {
        eventId: v('eventId', `bad-${++seq}`),
        now: v('now', NOW),
        actor: v('actor', user(1)),
        ...(b.slot === 'reason' ? { reason: b.value } : {}),
      }) as never;
const opt = (b: Bad, slot: string): Record<string, unknown> => (b.slot === slot ? { [slot]: b.value } : {});
const write = (
  slots: Record<string, fc.Arbitrary<unknown>>,
  call: (s: Storage, b: Bad, v: (slot: string, ok: unknown) => unknown, ctx: never) => Promise<unknown>,
): Method => ({
  kind: 'write',
  slots: { ...slots, ...ctxSlots },
  call: (s, b, v) => call(s, b, v, ctxOf(b, v)),
});
const member = (b: Bad, v: (slot: string, ok: unknown) => unknown, userId: string): never =>
  (b.slot === 'input' ? b.value : { guildId: v('guildId', G), userId: v('userId', userId) }) as never;
const idArgs = { guildId: badId };
const boardSlots = {
  query: badObject,
  userId: badId,
  category: badCategory,
  offset: badCount,
  limit: badCount,
};
const boardQuery = (
  b: Bad,
  v: (slot: string, ok: unknown) => unknown,
  fields: Record<string, unknown>,
): never =>
  (b.slot === 'query'
    ? b.value
    : {
        ...fields,
        offset: v('offset', 0),
        limit: v('limit', 10),
        userId: v('userId', ACTIVE),
        ...opt(b, 'category'),
      }) as never;

const methods: Record<string, Method> = {
  clockIn: write(
    {
      input: badObject,
      guildId: badId,
      userId: badId,
      category: badCategory,
      source: badObject,
      description: badText,
    },
    (s, b, v, ctx) =>
      s.clockIn(
        (b.slot === 'input'
          ? b.value
          : {
              guildId: v('guildId', G),
              userId: v('userId', IDLE),
              category: v('category', 'work'),
              ...opt(b, 'source'),
              ...opt(b, 'description'),
            }) as never,
        ctx,
      ),
  ),
  clockOut: write({ input: badObject, guildId: badId, userId: badId }, (s, b, v, ctx) =>
    s.clockOut(member(b, v, ACTIVE), ctx),
  ),
  forceClockOut: write({ input: badObject, guildId: badId, userId: badId }, (s, b, v, ctx) =>
    s.forceClockOut(member(b, v, ACTIVE), ctx),
  ),
  switchCategory: write(
    { input: badObject, guildId: badId, userId: badId, category: badCategory, source: badObject },
    (s, b, v, ctx) =>
      s.switchCategory(
        (b.slot === 'input'
          ? b.value
          : {
              guildId: v('guildId', G),
              userId: v('userId', ACTIVE),
              category: v('category', 'meeting'),
              ...opt(b, 'source'),
            }) as never,
        ctx,
      ),
  ),
  closeSessionAt: write(
    { input: badObject, guildId: badId, userId: badId, sessionId: badEventId, end: badTime, how: badObject },
    (s, b, v, ctx) =>
      s.closeSessionAt(
        (b.slot === 'input'
          ? b.value
          : {
              guildId: v('guildId', G),
              userId: v('userId', ACTIVE),
              sessionId: v('sessionId', activeId),
              end: v('end', NOW - H),
              how: v('how', 'member'),
            }) as never,
        ctx,
      ),
  ),
  confirmActivity: write(
    { input: badObject, guildId: badId, userId: badId, sessionId: badEventId },
    (s, b, v, ctx) =>
      s.confirmActivity(
        (b.slot === 'input'
          ? b.value
          : {
              guildId: v('guildId', G),
              userId: v('userId', ACTIVE),
              sessionId: v('sessionId', activeId),
            }) as never,
        ctx,
      ),
  ),
  editSession: write(
    {
      guildId: badId,
      sessionId: badEventId,
      changes: badObject,
      start: badTime,
      end: badTime,
      category: badCategory,
      description: badText,
    },
    (s, b, v, ctx) =>
      s.editSession(
        v('guildId', G) as never,
        v('sessionId', sessionId) as never,
        (b.slot === 'changes'
          ? b.value
          : {
              start: v('start', NOW - 4.5 * H),
              ...opt(b, 'end'),
              ...opt(b, 'category'),
              ...opt(b, 'description'),
            }) as never,
        ctx,
      ),
  ),
  deleteSession: write({ guildId: badId, sessionId: badEventId }, (s, _b, v, ctx) =>
    s.deleteSession(v('guildId', G) as never, v('sessionId', sessionId) as never, ctx),
  ),
  createCategory: write({ guildId: badId, category: badCategoryInput }, (s, _b, v, ctx) =>
    s.createCategory(v('guildId', G) as never, v('category', { name: 'New one' }) as never, ctx),
  ),
  editCategory: write({ guildId: badId, name: badCategory, patch: badCategoryPatch }, (s, _b, v, ctx) =>
    s.editCategory(
      v('guildId', G) as never,
      v('name', 'work') as never,
      v('patch', { description: 'd' }) as never,
      ctx,
    ),
  ),
  archiveCategory: write({ guildId: badId, name: badCategory }, (s, _b, v, ctx) =>
    s.archiveCategory(v('guildId', G) as never, v('name', 'meeting') as never, ctx),
  ),
  restoreCategory: write({ guildId: badId, name: badCategory }, (s, _b, v, ctx) =>
    s.restoreCategory(v('guildId', G) as never, v('name', 'meeting') as never, ctx),
  ),
  ensureDefaults: write(idArgs, (s, _b, v, ctx) => s.ensureDefaults(v('guildId', '1') as never, ctx)),
  updateSettings: write({ guildId: badId, patch: badSettings }, (s, _b, v, ctx) =>
    s.updateSettings(v('guildId', G) as never, v('patch', { timeZone: 'Europe/Berlin' }) as never, ctx),
  ),
  getSettings: { kind: 'read', slots: idArgs, call: (s, b) => s.getSettings(b.value as never) },
  listCategories: {
    kind: 'read',
    slots: { guildId: badId, includeArchived: fc.constantFrom<unknown>('yes', 1, null) },
    call: (s, _b, v) => s.listCategories(v('guildId', G) as never, v('includeArchived', true) as never),
  },
  activeSessions: { kind: 'read', slots: idArgs, call: (s, b) => s.activeSessions(b.value as never) },
  userSummary: {
    kind: 'read',
    slots: { guildId: badId, userId: badId, now: badTime },
    call: (s, _b, v) =>
      s.userSummary(v('guildId', G) as never, v('userId', ACTIVE) as never, v('now', NOW) as never),
  },
  leaderboard: {
    kind: 'read',
    slots: {
      guildId: badId,
      query: badObject,
      period: fc.constantFrom<unknown>('year', 'day', '', 'ALL', null, 5),
      at: badTime,
      category: badCategory,
      offset: badCount,
      limit: badCount,
    },
    call: (s, b, v) =>
      s.leaderboard(
        v('guildId', G) as never,
        (b.slot === 'query'
          ? b.value
          : {
              period: v('period', 'week'),
              at: v('at', NOW),
              ...opt(b, 'category'),
              ...opt(b, 'offset'),
              ...opt(b, 'limit'),
            }) as never,
      ),
  },
  sessionsInRange: {
    kind: 'read',
    slots: {
      guildId: badId,
      query: badObject,
      userId: badId,
      from: badBound,
      to: fc.oneof(badBound, fc.constant<unknown>(NOW - 10 * H)),
      offset: badCount,
      limit: badCount,
    },
    call: (s, b, v) =>
      s.sessionsInRange(
        v('guildId', G) as never,
        (b.slot === 'query'
          ? b.value
          : {
              from: v('from', NOW - 9 * H),
              to: v('to', NOW),
              ...opt(b, 'userId'),
              ...opt(b, 'offset'),
              ...opt(b, 'limit'),
            }) as never,
      ),
  },
  sessionsOverlapping: {
    kind: 'read',
    slots: {
      guildId: badId,
      query: badObject,
      userId: badId,
      from: badBound,
      to: fc.oneof(badBound, fc.constant<unknown>(NOW - 10 * H)),
    },
    call: (s, b, v) =>
      s.sessionsOverlapping(
        v('guildId', G) as never,
        (b.slot === 'query'
          ? b.value
          : { from: v('from', NOW - 9 * H), to: v('to', NOW), ...opt(b, 'userId') }) as never,
      ),
  },
  periodsState: { kind: 'read', slots: idArgs, call: (s, b) => s.periodsState(b.value as never) },
  rebuildPeriods: {
    kind: 'record',
    slots: { guildId: badId, generation: badCount, batch: fc.oneof(badCount, fc.constant<unknown>(0)) },
    call: (s, _b, v) =>
      s.rebuildPeriods(v('guildId', G) as never, v('generation', 1) as never, v('batch', 10) as never),
  },
  periodBoard: {
    kind: 'read',
    slots: { guildId: badId, periodId: badPeriodId, ...boardSlots },
    call: (s, b, v) =>
      s.periodBoard(v('guildId', G) as never, boardQuery(b, v, { periodId: v('periodId', 'all') })),
  },
  rangeBoard: {
    kind: 'read',
    slots: {
      guildId: badId,
      fromDate: badDate,
      toDate: fc.oneof(badDate, fc.constant<unknown>('2024-01-01')),
      ...boardSlots,
    },
    call: (s, b, v) =>
      s.rangeBoard(
        v('guildId', G) as never,
        boardQuery(b, v, { fromDate: v('fromDate', '2024-02-01'), toDate: v('toDate', '2024-03-15') }),
      ),
  },
  dailyRollups: {
    kind: 'read',
    slots: {
      guildId: badId,
      query: badObject,
      userId: badId,
      fromDate: badDate,
      toDate: fc.oneof(badDate, fc.constant<unknown>('2024-01-01')),
    },
    call: (s, b, v) =>
      s.dailyRollups(
        v('guildId', G) as never,
        (b.slot === 'query'
          ? b.value
          : {
              fromDate: v('fromDate', '2024-02-01'),
              toDate: v('toDate', '2024-03-15'),
              ...opt(b, 'userId'),
            }) as never,
      ),
  },
  auditLog: {
    kind: 'read',
    slots: { guildId: badId, count: fc.constantFrom<unknown>(NaN, -1, 0, 1.5, 10_001, '5', null) },
    call: (s, _b, v) => s.auditLog(v('guildId', G) as never, v('count', 5) as never),
  },
  auditPage: {
    kind: 'read',
    slots: {
      guildId: badId,
      query: badObject,
      userId: badId,
      before: fc.constantFrom<unknown>('', 'bad', '1-', '-1', '1-1 ', LONG, 5, null, {}),
      limit: badCount,
    },
    call: (s, b, v) =>
      s.auditPage(
        v('guildId', G) as never,
        (b.slot === 'query'
          ? b.value
          : { limit: v('limit', 5), ...opt(b, 'userId'), ...opt(b, 'before') }) as never,
      ),
  },
  reviewQueue: {
    kind: 'read',
    slots: { guildId: badId, offset: badCount, limit: fc.oneof(badCount, fc.constant<unknown>(0)) },
    call: (s, _b, v) =>
      s.reviewQueue(v('guildId', G) as never, v('offset', 0) as never, v('limit', 10) as never),
  },
  session: {
    kind: 'read',
    slots: { guildId: badId, sessionId: badEventId },
    call: (s, _b, v) => s.session(v('guildId', G) as never, v('sessionId', sessionId) as never),
  },
  periodLocks: { kind: 'read', slots: idArgs, call: (s, b) => s.periodLocks(b.value as never) },
  addSession: write(
    {
      input: badObject,
      guildId: badId,
      userId: badId,
      category: badCategory,
      start: badTime,
      end: badTime,
      description: badText,
    },
    (s, b, v, ctx) =>
      s.addSession(
        (b.slot === 'input'
          ? b.value
          : {
              guildId: v('guildId', G),
              userId: v('userId', IDLE),
              category: v('category', 'work'),
              start: v('start', NOW - 8 * H),
              end: v('end', NOW - 7 * H),
              ...opt(b, 'description'),
            }) as never,
        ctx,
      ),
  ),
  lockPeriod: write(
    {
      input: badObject,
      guildId: badId,
      scope: badId,
      period: fc.constantFrom<unknown>('day', 'year', 'all', '', 'WEEK', null, 5),
      at: badTime,
    },
    (s, b, v, ctx) =>
      s.lockPeriod(
        (b.slot === 'input'
          ? b.value
          : {
              guildId: v('guildId', G),
              scope: v('scope', IDLE),
              period: v('period', 'week'),
              at: v('at', NOW),
            }) as never,
        ctx,
      ),
  ),
  unlockPeriod: write(
    {
      input: badObject,
      guildId: badId,
      scope: badId,
      period: fc.constantFrom<unknown>('day', 'year', 'all', '', 'WEEK', null, 5),
      at: badTime,
    },
    (s, b, v, ctx) =>
      s.unlockPeriod(
        (b.slot === 'input'
          ? b.value
          : {
              guildId: v('guildId', G),
              scope: v('scope', '*'),
              period: v('period', 'month'),
              at: v('at', NOW),
            }) as never,
        ctx,
      ),
  ),
  suspendMember: write({ input: badObject, guildId: badId, userId: badId, until: badTime }, (s, b, v, ctx) =>
    s.suspendMember(
      (b.slot === 'input'
        ? b.value
        : { guildId: v('guildId', G), userId: v('userId', IDLE), until: v('until', null) }) as never,
      ctx,
    ),
  ),
  unsuspendMember: write({ guildId: badId, userId: badId }, (s, _b, v, ctx) =>
    s.unsuspendMember(v('guildId', G) as never, v('userId', IDLE) as never, ctx),
  ),
  suspension: {
    kind: 'read',
    slots: { guildId: badId, userId: badId, now: badTime },
    call: (s, _b, v) =>
      s.suspension(v('guildId', G) as never, v('userId', IDLE) as never, v('now', NOW) as never),
  },
  saveDraft: {
    kind: 'record',
    slots: {
      guildId: badId,
      draftId: badDraftId,
      draft: badDraft,
      ttlMs: fc.oneof(badCount, fc.constant<unknown>(0), fc.constant<unknown>(1e12)),
    },
    call: (s, _b, v) =>
      s.saveDraft(
        v('guildId', G) as never,
        v('draftId', 'draft-1') as never,
        v('draft', { sessionId: 'x', reason: 'r' }),
        v('ttlMs', 60_000) as never,
      ),
  },
  readDraft: {
    kind: 'record',
    slots: { guildId: badId, draftId: badDraftId },
    call: (s, _b, v) => s.readDraft(v('guildId', G) as never, v('draftId', 'draft-1') as never),
  },
  takeDraft: {
    kind: 'record',
    slots: { guildId: badId, draftId: badDraftId },
    call: (s, _b, v) => s.takeDraft(v('guildId', G) as never, v('draftId', 'draft-1') as never),
  },
  dropDraft: {
    kind: 'record',
    slots: { guildId: badId, draftId: badDraftId },
    call: (s, _b, v) => s.dropDraft(v('guildId', G) as never, v('draftId', 'draft-1') as never),
  },
  saveDashboard: {
    kind: 'record',
    slots: {
      record: badObject,
      guildId: badId,
      channelId: badId,
      messageId: badId,
      createdBy: badId,
      createdAt: badTime,
    },
    call: (s, b, v) =>
      s.saveDashboard(
        (b.slot === 'record'
          ? b.value
          : {
              guildId: v('guildId', G),
              channelId: v('channelId', '501'),
              messageId: v('messageId', '601'),
              createdBy: v('createdBy', user(1)),
              createdAt: v('createdAt', NOW),
            }) as never,
      ),
  },
  getDashboard: {
    kind: 'record',
    slots: { guildId: badId, channelId: badId },
    call: (s, _b, v) => s.getDashboard(v('guildId', G) as never, v('channelId', '500') as never),
  },
  listDashboards: { kind: 'record', slots: idArgs, call: (s, b) => s.listDashboards(b.value as never) },
  deleteDashboard: {
    kind: 'record',
    slots: { guildId: badId, channelId: badId, messageId: badId },
    call: (s, _b, v) =>
      s.deleteDashboard(
        v('guildId', G) as never,
        v('channelId', '500') as never,
        v('messageId', '600') as never,
      ),
  },
  activeSession: {
    kind: 'record',
    slots: { guildId: badId, userId: badId },
    call: (s, _b, v) => s.activeSession(v('guildId', G) as never, v('userId', ACTIVE) as never),
  },
  recordNotice: {
    kind: 'record',
    slots: { guildId: badId, notice: badNotice, quiet: badQuiet },
    call: (s, _b, v) =>
      s.recordNotice(
        v('guildId', G) as never,
        v('notice', { at: NOW, kind: 'dm-failed', message: 'm' }) as never,
        v('quiet', { key: 'k', windowMs: 1000 }) as never,
      ),
  },
  listNotices: {
    kind: 'record',
    slots: { guildId: badId, limit: fc.oneof(badCount, fc.constant<unknown>(0)) },
    call: (s, _b, v) => s.listNotices(v('guildId', G) as never, v('limit', 5) as never),
  },
  setRemindersMuted: {
    kind: 'record',
    slots: { guildId: badId, userId: badId, muted: fc.constantFrom<unknown>('yes', 1, null), at: badTime },
    call: (s, _b, v) =>
      s.setRemindersMuted(
        v('guildId', G) as never,
        v('userId', IDLE) as never,
        v('muted', true) as never,
        v('at', NOW) as never,
      ),
  },
  remindersMuted: {
    kind: 'record',
    slots: { guildId: badId, userId: badId },
    call: (s, _b, v) => s.remindersMuted(v('guildId', G) as never, v('userId', IDLE) as never),
  },
  setLeaderboardHidden: {
    kind: 'record',
    slots: { guildId: badId, userId: badId, hidden: fc.constantFrom<unknown>('yes', 1, null), at: badTime },
    call: (s, _b, v) =>
      s.setLeaderboardHidden(
        v('guildId', G) as never,
        v('userId', IDLE) as never,
        v('hidden', true) as never,
        v('at', NOW) as never,
      ),
  },
  leaderboardHidden: {
    kind: 'record',
    slots: { guildId: badId, userIds: fc.constantFrom<unknown>('1', null, {}, [''], ['x'], [1]) },
    call: (s, _b, v) => s.leaderboardHidden(v('guildId', G) as never, v('userIds', [IDLE]) as never),
  },
  claimTargetReminder: {
    kind: 'record',
    slots: {
      guildId: badId,
      periodId: fc.constantFrom<unknown>('', 'a b', 5, null),
      userId: badId,
      expiresAt: badTime,
    },
    call: (s, _b, v) =>
      s.claimTargetReminder(
        v('guildId', G) as never,
        v('periodId', 'week:2026-11-30') as never,
        v('userId', IDLE) as never,
        v('expiresAt', NOW + 1000) as never,
      ),
  },
};

/** Every key in Redis with its serialised value and whether it has a TTL. */
async function snapshot(): Promise<Record<string, string>> {
  const all = (await h.storage.redis.keys('*')).sort();
  const pipeline = h.storage.redis.pipeline();
  for (const key of all) pipeline.dumpBuffer(key).pttl(key);
  const replies = (await pipeline.exec()) ?? [];
  return Object.fromEntries(
    all.map((key, i) => {
      const dump = replies[2 * i]?.[1] as Buffer;
      const ttl = (replies[2 * i + 1]?.[1] as number) > 0 ? ' ttl' : '';
      return [key, dump.toString('hex') + ttl];
    }),
  );
}

const pairs = Object.entries(methods).flatMap(([name, m]) =>
  Object.keys(m.slots).map((slot) => ({ name, slot })),
);
/** Uniform over (method, slot) pairs, so every slot of every method is hit in a run. */
const bad = fc
  .constantFrom(...pairs)
  .chain(({ name, slot }) => methods[name]!.slots[slot]!.map((value) => ({ name, slot, value })));

describe('bad input (property, real Redis)', () => {
  it('covers every public method of Storage', () => {
    const own = (proto: object) =>
      Object.getOwnPropertyNames(proto).filter(
        (n) => typeof Object.getOwnPropertyDescriptor(proto, n)?.value === 'function',
      );
    const internal = [
      'constructor',
      'write',
      'afterWrite',
      'countUsage',
      'read',
      'close',
      'recoverNow',
      'journalPending',
    ];
    const methodsOfStorage = [...own(Storage.prototype), ...own(StorageRecords.prototype)].filter(
      (n) => !internal.includes(n),
    );
    expect(methodsOfStorage.sort()).toEqual(Object.keys(methods).sort());
    expect(WRITE_OPS.every((op) => methods[op]?.kind === 'write')).toBe(true);
  });

  it('refuses with a typed answer, echoes little and changes nothing in Redis', async () => {
    const seen = new Set<string>();
    expect(Object.keys(await snapshot()).length).toBeGreaterThan(10);
    await fc.assert(
      fc.asyncProperty(bad, async ({ name, slot, value }) => {
        seen.add(name);
        const before = await snapshot();
        const b: Bad = { slot, value };
        const v = (s: string, ok: unknown): unknown => (s === slot ? value : ok);
        const m = methods[name]!;
        const answer = await m.call(h.storage, b, v).then(
          (result) => ({ result }),
          (error: unknown) => ({ error }),
        );
        if (m.kind === 'record') {
          expect(answer).toMatchObject({ error: expect.any(InvalidInputError) });
        } else {
          expect(answer).not.toHaveProperty('error');
          const result = (answer as { result: Record<string, unknown> }).result;
          const outcome = m.kind === 'write' ? result.outcome : result;
          if (m.kind === 'write') expect(result).toMatchObject({ status: 'applied', replayed: false });
          expect(outcome).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
          expect(JSON.stringify(outcome).length).toBeLessThan(400);
        }
        expect(await snapshot()).toEqual(before);
      }),
      // Enough runs that a method with a single slot is missed in less than one suite run in 10^5.
      { numRuns: 16 * pairs.length },
    );
    expect([...seen].sort()).toEqual(Object.keys(methods).sort());
  }, 180_000);
});
