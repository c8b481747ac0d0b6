import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ErrorCode } from '@timekeeper/contracts';
import * as storage from '@timekeeper/storage';
import {
  BatchFlushError,
  BatchQueueFullError,
  BatcherClosedError,
  CorruptDataError,
  InvalidInputError,
  StorageError,
  StorageUnavailableError,
  WriteContentionError,
} from '@timekeeper/storage';
import {
  EVENT_ID_CONFLICT_MESSAGE,
  INVALID_RECORD_MESSAGE,
  InteractionError,
  STORAGE_ERROR_REFUSALS,
  STORAGE_UNAVAILABLE_MESSAGE,
  WRITE_CONTENTION_MESSAGE,
  readValue,
  storageErrorRefusal,
  storageRejection,
  withStorageRefusals,
} from '../src';

const breakerOpen = Object.assign(new Error('Breaker is open'), { code: 'EOPENBREAKER' });
const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED' });

describe('storage errors → refusals (one table for every service)', () => {
  it.each<[string, unknown, ErrorCode | null, string | null]>([
    [
      'Redis unreachable, journal full',
      new StorageUnavailableError('x'),
      'UNAVAILABLE',
      STORAGE_UNAVAILABLE_MESSAGE,
    ],
    ['write queue full', new BatchQueueFullError(100), 'UNAVAILABLE', STORAGE_UNAVAILABLE_MESSAGE],
    ['batcher closed', new BatcherClosedError(), 'UNAVAILABLE', STORAGE_UNAVAILABLE_MESSAGE],
    ['flush failed', new BatchFlushError([], null), 'UNAVAILABLE', STORAGE_UNAVAILABLE_MESSAGE],
    ['circuit breaker open', breakerOpen, 'UNAVAILABLE', STORAGE_UNAVAILABLE_MESSAGE],
    ['connection refused', refused, 'UNAVAILABLE', STORAGE_UNAVAILABLE_MESSAGE],
    ['write contention', new WriteContentionError('clockIn', 5), 'CONFLICT', WRITE_CONTENTION_MESSAGE],
    [
      'a record storage cannot keep',
      new InvalidInputError('at', 'x'),
      'INVALID_INPUT',
      INVALID_RECORD_MESSAGE,
    ],
    ['corrupt data (a bug: rethrown)', new CorruptDataError('tk:{1}:x'), null, null],
    ['any other error (rethrown)', new Error('boom'), null, null],
    ['not an error', 'boom', null, null],
  ])('%s', (_name, error, code, message) => {
    const refusal = storageErrorRefusal(error);
    if (code === null) {
      expect(refusal).toBeNull();
      return;
    }
    expect(refusal).toBeInstanceOf(InteractionError);
    expect(refusal?.code).toBe(code);
    expect(refusal?.message).toBe(message);
  });

  it('decides about every error class storage exports (a new one is mapped or deliberately a bug)', () => {
    // UnappliedJournalEntryError only reaches `onReplayFailed` (a held journal entry), never a caller.
    const deliberatelyBugs = new Set(['StorageError', 'CorruptDataError', 'UnappliedJournalEntryError']);
    const classes = Object.entries(storage)
      .filter(([, value]) => typeof value === 'function' && value.prototype instanceof Error)
      .filter(
        ([, value]) =>
          value === StorageError || (value as { prototype: unknown }).prototype instanceof StorageError,
      )
      .map(([name]) => name);
    expect(classes.length).toBeGreaterThan(3);
    for (const name of classes) {
      expect([name, Object.hasOwn(STORAGE_ERROR_REFUSALS, name) || deliberatelyBugs.has(name)]).toEqual([
        name,
        true,
      ]);
    }
  });

  it.each<[{ code: string; message: string }, ErrorCode, string | null]>([
    [{ code: 'UNAVAILABLE', message: 'down' }, 'UNAVAILABLE', STORAGE_UNAVAILABLE_MESSAGE],
    [
      { code: 'INVALID_INPUT', message: 'guildId must be a snowflake' },
      'INVALID_INPUT',
      "That isn't valid: guildId must be a snowflake.",
    ],
    [{ code: 'EVENT_ID_CONFLICT', message: 'x' }, 'CONFLICT', EVENT_ID_CONFLICT_MESSAGE],
    [{ code: 'ALREADY_CLOCKED_IN', message: 'x' }, 'INTERNAL', null],
  ])('rejection %j → %s', (rejection, code, message) => {
    const refusal = storageRejection(rejection);
    expect(refusal.code).toBe(code);
    if (message) expect(refusal.message).toBe(message);
  });

  it('reads a value or refuses', () => {
    expect(readValue({ ok: true, value: 7 })).toBe(7);
    expect(() => readValue({ ok: false, code: 'UNAVAILABLE', message: 'down' })).toThrow(
      STORAGE_UNAVAILABLE_MESSAGE,
    );
  });

  it('wraps a storage call: a storage failure becomes its refusal, anything else passes through', async () => {
    await expect(withStorageRefusals(async () => 1)).resolves.toBe(1);
    await expect(
      withStorageRefusals(() => Promise.reject(new WriteContentionError('x', 5))),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: WRITE_CONTENTION_MESSAGE });
    const bug = new Error('bug');
    await expect(withStorageRefusals(() => Promise.reject(bug))).rejects.toBe(bug);
  });
});

describe('every service maps storage failures through this module', () => {
  const services = join(__dirname, '..', '..', '..', 'services');
  const sources = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
    });
  const files = readdirSync(services).flatMap((service) => {
    const src = join(services, service, 'src');
    return statSync(src, { throwIfNoEntry: false })?.isDirectory() ? sources(src) : [];
  });

  it.each([
    ['classifies storage errors itself', /\b(isUnavailable|WriteContentionError|StorageUnavailableError)\b/],
    ['words its own storage refusal', /storage[^'"`\n]*(not answering|can't reach|unreachable)/i],
    ["checks a read's UNAVAILABLE code itself", /code === 'UNAVAILABLE'/],
  ])('no service source %s', (_rule, pattern) => {
    expect(files.length).toBeGreaterThan(20);
    expect(files.filter((file) => pattern.test(readFileSync(file, 'utf8')))).toEqual([]);
  });
});
