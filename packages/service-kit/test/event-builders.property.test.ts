/**
 * No write storage accepts can produce a domain event that fails its contract: for arbitrary member
 * input (any text up to past every limit, any category name, reasons, corrections), every write that
 * real storage (a private Redis) accepts is turned into its event by the builders the services use,
 * and that event must pass the schema `publishEvent` validates against.
 */
import { DomainEvent } from '@timekeeper/contracts';
import { contractEvents, Storage } from '@timekeeper/storage';
import { RedisServer } from '@timekeeper/testing';
import fc from 'fast-check';
import { Registry } from 'prom-client';

const T0 = Date.UTC(2024, 4, 6, 8, 0, 0);
const H = 3_600_000;
const USER = '200000000000000001';
const ADMIN = '900000000000000009';

let redis: RedisServer;
let storage: Storage;
let runs = 0;
let accepted = 0;

beforeAll(async () => {
  redis = await RedisServer.start();
  storage = await Storage.connect({ redisUrl: redis.url, registry: new Registry(), usageCounters: 'off' });
});
afterAll(async () => {
  await storage.close();
  await redis.destroy();
});

/** Text as members type it: empty, short, at and past the limits, with emoji and Markdown. */
const text = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ minLength: 190, maxLength: 520 }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 260 }),
);
const optionalText = fc.option(text, { nil: undefined });

interface Case {
  readonly categoryName: string;
  readonly categoryDescription: string | undefined;
  readonly sessionDescription: string | undefined;
  readonly ending: 'out' | 'forced' | 'switch';
  readonly reason: string | undefined;
  readonly minutes: number;
  readonly editDescription: string | null | undefined;
  readonly editReason: string | undefined;
}

const cases: fc.Arbitrary<Case> = fc.record({
  categoryName: fc.oneof(fc.constantFrom('Work', 'Support desk', 'a'.repeat(50), 'b'.repeat(51)), text),
  categoryDescription: optionalText,
  sessionDescription: optionalText,
  ending: fc.constantFrom('out', 'forced', 'switch'),
  reason: optionalText,
  minutes: fc.integer({ min: 0, max: 48 * 60 }),
  editDescription: fc.oneof(optionalText, fc.constant(null)),
  editReason: optionalText,
});

function expectValid(event: unknown): void {
  accepted++;
  const parsed = DomainEvent.safeParse(event);
  if (!parsed.success) {
    throw new Error(`accepted write, invalid event: ${JSON.stringify(parsed.error.issues).slice(0, 400)}`);
  }
}

function applied<O>(result: { status: 'applied'; outcome: O } | { status: 'journaled' }): O {
  if (result.status !== 'applied') throw new Error('journaled');
  return result.outcome;
}

async function check(input: Case): Promise<void> {
  const guildId = String(400000000000000000n + BigInt(++runs));
  let n = 0;
  const ctx = (now: number, actor = ADMIN, reason?: string) => ({
    eventId: `prop-${runs}-${++n}`,
    now,
    actor,
    ...(reason === undefined ? {} : { reason }),
  });
  applied(await storage.ensureDefaults(guildId, ctx(T0)));

  const category = {
    name: input.categoryName,
    ...(input.categoryDescription === undefined ? {} : { description: input.categoryDescription }),
  };
  const created = applied(await storage.createCategory(guildId, category, ctx(T0)));
  if (created.ok) expectValid(contractEvents.category(created, 'added'));
  const edited = applied(
    await storage.editCategory(
      guildId,
      input.categoryName,
      { description: input.sessionDescription ?? '' },
      ctx(T0),
    ),
  );
  if (edited.ok) expectValid(contractEvents.category(edited, 'edited'));

  const inn = applied(
    await storage.clockIn(
      {
        guildId,
        userId: USER,
        category: created.ok ? created.category.key : 'work',
        ...(input.sessionDescription === undefined ? {} : { description: input.sessionDescription }),
      },
      ctx(T0, USER),
    ),
  );
  if (!inn.ok) return;
  expectValid(contractEvents.clockIn(inn));

  const end = T0 + input.minutes * 60_000;
  let closedId: string;
  if (input.ending === 'switch') {
    const sw = applied(
      await storage.switchCategory({ guildId, userId: USER, category: 'break' }, ctx(end, USER)),
    );
    if (!sw.ok) return;
    expectValid(contractEvents.switched(sw));
    closedId = sw.closed.id;
  } else if (input.ending === 'forced') {
    const forced = applied(
      await storage.forceClockOut({ guildId, userId: USER }, ctx(end, ADMIN, input.reason)),
    );
    if (!forced.ok) return;
    expectValid(contractEvents.forced(forced));
    closedId = forced.session.id;
  } else {
    const out = applied(await storage.clockOut({ guildId, userId: USER }, ctx(end, USER)));
    if (!out.ok) return;
    expectValid(contractEvents.clockOut(out, 'user'));
    closedId = out.session.id;
  }

  const changes = {
    start: T0 - H,
    ...(input.editDescription === undefined ? {} : { description: input.editDescription }),
  };
  const fixed = applied(
    await storage.editSession(guildId, closedId, changes, ctx(end + H, ADMIN, input.editReason)),
  );
  if (fixed.ok) expectValid(contractEvents.edited(fixed));
  const deleted = applied(
    await storage.deleteSession(guildId, closedId, ctx(end + 2 * H, ADMIN, input.editReason)),
  );
  if (deleted.ok) expectValid(contractEvents.deleted(deleted));
}

describe('event builders', () => {
  it('every accepted write yields an event that passes its contract', async () => {
    await fc.assert(fc.asyncProperty(cases, check), { numRuns: 120, endOnFailure: true });
    // The property says something only if many writes were accepted (not all refused).
    expect(accepted).toBeGreaterThan(300);
  }, 120_000);
});
