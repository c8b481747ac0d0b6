import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { Registry } from 'prom-client';
import { subjects } from '@timekeeper/contracts';
import { startServers, stopServers, type Servers } from './fixture';
import { DefaultOutageJournalOptions, Storage, UnappliedJournalEntryError, type JournalEntry } from '../src';

/**
 * Writes journaled by an earlier version (before an upgrade) are replayed by this one; what it cannot
 * apply is held aside with its reason, never dropped.
 */

const T0 = Date.UTC(2024, 4, 6, 8);
const G = '100000000000000055';
const U = '200000000000000055';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let servers: Servers;
let storage: Storage | undefined;

beforeAll(async () => {
  servers = await startServers();
});
afterAll(() => stopServers(servers, storage), 30_000);

const ctx = (eventId: string, now = T0) => ({ eventId, now, actor: U });

test('earlier versions’ entries replay; what cannot apply is held with its reason', async () => {
  const { redis, nc } = servers;
  // A first start creates the journal's streams; then, as if an earlier version had left them behind:
  const first = await Storage.connect({ redisUrl: redis.url, registry: new Registry(), nats: nc });
  await first.close();
  const entries: unknown[] = [
    // The earlier layout: arguments beside `op`, `createCategory`'s category under `input`.
    { op: 'ensureDefaults', guildId: G, ctx: ctx('old-defaults') },
    { op: 'createCategory', guildId: G, input: { name: 'Support' }, ctx: ctx('old-create') },
    { op: 'updateSettings', guildId: G, patch: { timeZone: 'Europe/Berlin' }, ctx: ctx('old-settings') },
    // Today's layout.
    {
      op: 'clockIn',
      input: { guildId: G, userId: U, category: 'support', source: 'command', sessionId: 's-1' },
      ctx: ctx('new-clockin', T0 + 60_000),
    },
    // Nothing this version can apply: an unknown operation, and input it refuses.
    { op: 'teleport', input: { guildId: G }, ctx: ctx('unknown') },
    { op: 'clockOut', input: { guildId: G, userId: '007' }, ctx: ctx('bad-id', T0 + 120_000) },
  ];
  const js = jetstream(nc);
  for (const command of entries) {
    const eventId = (command as { ctx: { eventId: string } }).ctx.eventId;
    const entry: JournalEntry = { guildId: G, eventId, command };
    await js.publish(subjects.storageJournal, JSON.stringify(entry), { msgID: `${G}:${eventId}` });
  }

  const failed: { entry: JournalEntry; error: unknown }[] = [];
  const replayed: string[] = [];
  storage = await Storage.connect({
    redisUrl: redis.url,
    registry: new Registry(),
    nats: nc,
    recoveryIntervalMs: 50,
    onReplayed: (command) => replayed.push(command.ctx.eventId),
    onReplayFailed: (entry, error) => failed.push({ entry, error }),
  });
  for (let i = 0; i < 200 && storage.mode !== 'direct'; i++) await sleep(50);
  expect(storage.mode).toBe('direct');

  expect(replayed).toEqual(['old-defaults', 'old-create', 'old-settings', 'new-clockin']);
  expect(await storage.getSettings(G)).toMatchObject({ ok: true, value: { timeZone: 'Europe/Berlin' } });
  expect(await storage.redis.hget(`tk:{${G}}:active`, U)).toContain('"category":"support"');

  expect(failed.map((f) => f.entry.eventId)).toEqual(['unknown', 'bad-id']);
  for (const { error } of failed) expect(error).toBeInstanceOf(UnappliedJournalEntryError);
  expect(String((failed[0]!.error as Error).message)).toContain('unknown operation "teleport"');
  expect(String((failed[1]!.error as Error).message)).toContain('refused: userId');

  // Held, as they were, in a stream of their own.
  const jsm = await jetstreamManager(nc);
  const held = await jsm.streams.info(DefaultOutageJournalOptions.heldStream);
  expect(held.state.messages).toBe(2);
  const kept = await jsm.streams.getMessage(DefaultOutageJournalOptions.heldStream, { seq: 1 });
  expect(kept?.json<JournalEntry>().eventId).toBe('unknown');
}, 30_000);
