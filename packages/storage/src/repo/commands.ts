/**
 * The write table: every storage write, registered once, under its operation name. From this table come
 * the `Storage` write methods and their types (`StorageWrites`), the journaled command (`StorageCommand`),
 * each write's outcome type (`CommandOutcomes`) and how a command is applied (`applyCommand`). Adding a
 * write is one entry here (see the storage README, "Adding a write").
 */
import { randomUUID } from 'node:crypto';
import type {
  CategoryOutcome,
  ClockOutOutcome,
  DeleteSessionOutcome,
  EditSessionOutcome,
  EnsureDefaultsOutcome,
  SettingsOutcome,
  WriteResult,
} from '../model/outcomes';
import type {
  CategoryInput,
  CategoryPatch,
  SessionSource,
  SettingsPatch,
  WriteContext,
} from '../model/types';
import { isObject } from '../model/validation';
import type { Backend, WriteDone } from './backend';
import {
  archiveCategory,
  createCategory,
  editCategory,
  ensureDefaultCategories,
  restoreCategory,
} from './categories';
import { deleteSession, editSession } from './corrections';
import { closeSessionAt, confirmActivity, type CloseAtInput, type SessionRef } from './session-close';
import {
  clockIn,
  clockOut,
  switchCategory,
  type ClockInInput,
  type ClockOutInput,
  type SessionChanges,
  type SwitchInput,
} from './sessions';
import { updateSettings } from './settings';
import { addSession, type AddSessionInput } from './timesheet/add-session';
import { setPeriodLock, type LockInput, type LockOutcome } from './timesheet/locks';
import { setSuspension, type SuspendInput, type SuspensionOutcome } from './timesheet/suspensions';

/** One write: how the `Storage` method's arguments become the journaled input, and how it is applied. */
export interface WriteSpec<A extends unknown[], I extends { readonly guildId: string }, O> {
  /**
   * The `Storage` method's arguments (all but the trailing `WriteContext`) → the command's input, stored
   * in the outage journal and replayed as is. Mint ids here (never in `apply`), so a replay keeps them.
   */
  readonly input: (...args: A) => I;
  /** Validates the input, then applies it (`runWrite`); business refusals are outcomes, never thrown. */
  readonly apply: (backend: Backend, input: I, ctx: WriteContext) => Promise<WriteDone<O>>;
  /** It changes settings or categories: a committed write drops them from every replica's cache. */
  readonly changesCachedData?: boolean;
}

const write = <A extends unknown[], I extends { readonly guildId: string }, O>(
  spec: WriteSpec<A, I, O>,
): WriteSpec<A, I, O> => spec;

type ClockInRequest = Omit<ClockInInput, 'source' | 'sessionId'> & { readonly source?: SessionSource };
type SwitchRequest = Omit<SwitchInput, 'source' | 'sessionId'> & { readonly source?: SessionSource };
interface SessionEdit {
  readonly guildId: string;
  readonly sessionId: string;
  readonly changes: SessionChanges;
}
interface CategoryRef {
  readonly guildId: string;
  readonly name: string;
}

export const WRITES = {
  clockIn: write({
    input: (input: ClockInRequest): ClockInInput => ({
      source: 'command',
      ...input,
      sessionId: randomUUID(),
    }),
    apply: clockIn,
  }),
  clockOut: write({
    input: (input: ClockOutInput) => input,
    apply: (backend, input, ctx): Promise<WriteDone<ClockOutOutcome>> => clockOut(backend, input, ctx, false),
  }),
  /** A manager ends someone's session; `ctx.actor` and `ctx.reason` are kept with it. */
  forceClockOut: write({
    input: (input: ClockOutInput) => input,
    apply: (backend, input, ctx): Promise<WriteDone<ClockOutOutcome>> => clockOut(backend, input, ctx, true),
  }),
  switchCategory: write({
    input: (input: SwitchRequest): SwitchInput => ({ source: 'command', ...input, sessionId: randomUUID() }),
    apply: switchCategory,
  }),
  /**
   * Closes the named session at `input.end` if it is still the member's active one: the member's own
   * "I stopped at…" (`how: 'member'`), or Timekeeper closing an unanswered session at the member's last
   * activity (`how: 'auto'`, actor `SYSTEM_ACTOR`; flagged auto-closed and needs-review).
   */
  closeSessionAt: write({ input: (input: CloseAtInput) => input, apply: closeSessionAt }),
  /** "Still working": records the member's activity now on the named active session. */
  confirmActivity: write({ input: (input: SessionRef) => input, apply: confirmActivity }),
  editSession: write({
    input: (guildId: string, sessionId: string, changes: SessionChanges): SessionEdit => ({
      guildId,
      sessionId,
      changes,
    }),
    apply: (backend, i, ctx): Promise<WriteDone<EditSessionOutcome>> =>
      editSession(backend, i.guildId, i.sessionId, i.changes, ctx),
  }),
  deleteSession: write({
    input: (guildId: string, sessionId: string) => ({ guildId, sessionId }),
    apply: (backend, i, ctx): Promise<WriteDone<DeleteSessionOutcome>> =>
      deleteSession(backend, i.guildId, i.sessionId, ctx),
  }),
  createCategory: write({
    input: (guildId: string, category: CategoryInput) => ({ guildId, category }),
    apply: (backend, i, ctx): Promise<WriteDone<CategoryOutcome>> =>
      createCategory(backend, i.guildId, i.category, ctx),
    changesCachedData: true,
  }),
  editCategory: write({
    input: (guildId: string, name: string, patch: CategoryPatch) => ({ guildId, name, patch }),
    apply: (backend, i, ctx): Promise<WriteDone<CategoryOutcome>> =>
      editCategory(backend, i.guildId, i.name, i.patch, ctx),
    changesCachedData: true,
  }),
  archiveCategory: write({
    input: (guildId: string, name: string): CategoryRef => ({ guildId, name }),
    apply: (backend, i, ctx): Promise<WriteDone<CategoryOutcome>> =>
      archiveCategory(backend, i.guildId, i.name, ctx),
    changesCachedData: true,
  }),
  restoreCategory: write({
    input: (guildId: string, name: string): CategoryRef => ({ guildId, name }),
    apply: (backend, i, ctx): Promise<WriteDone<CategoryOutcome>> =>
      restoreCategory(backend, i.guildId, i.name, ctx),
    changesCachedData: true,
  }),
  /** Creates work, break and meeting if the guild never had categories. */
  ensureDefaults: write({
    input: (guildId: string) => ({ guildId }),
    apply: (backend, i, ctx): Promise<WriteDone<EnsureDefaultsOutcome>> =>
      ensureDefaultCategories(backend, i.guildId, ctx),
    changesCachedData: true,
  }),
  updateSettings: write({
    input: (guildId: string, patch: SettingsPatch) => ({ guildId, patch }),
    apply: (backend, i, ctx): Promise<WriteDone<SettingsOutcome>> =>
      updateSettings(backend, i.guildId, i.patch, ctx),
    changesCachedData: true,
  }),
  /** A manager adds a session the member forgot to clock (refused on overlap or in a locked period). */
  addSession: write({
    input: (input: Omit<AddSessionInput, 'sessionId'>): AddSessionInput => ({
      ...input,
      sessionId: randomUUID(),
    }),
    apply: addSession,
  }),
  /** Approves and locks a member's (or everyone's, scope `*`) week or month. */
  lockPeriod: write({
    input: (input: LockInput) => input,
    apply: (backend, input, ctx): Promise<WriteDone<LockOutcome>> => setPeriodLock(backend, input, true, ctx),
  }),
  unlockPeriod: write({
    input: (input: LockInput) => input,
    apply: (backend, input, ctx): Promise<WriteDone<LockOutcome>> =>
      setPeriodLock(backend, input, false, ctx),
  }),
  /** A manager suspends a member (reason required, optionally until an instant): no clock-ins meanwhile. */
  suspendMember: write({
    input: (input: SuspendInput) => input,
    apply: (backend, input, ctx): Promise<WriteDone<SuspensionOutcome>> =>
      setSuspension(backend, input, true, ctx),
  }),
  /** Lifts a member's suspension. */
  unsuspendMember: write({
    input: (guildId: string, userId: string): SuspendInput => ({ guildId, userId, until: null }),
    apply: (backend, input, ctx): Promise<WriteDone<SuspensionOutcome>> =>
      setSuspension(backend, input, false, ctx),
  }),
};

type Writes = typeof WRITES;
export type WriteOp = keyof Writes;
export const WRITE_OPS = Object.keys(WRITES) as WriteOp[];

/** What a write's `Storage` method takes before its `WriteContext`. */
export type WriteArgs<K extends WriteOp> = Parameters<Writes[K]['input']>;
/** The input a write's command carries (and the journal stores). */
export type WriteInput<K extends WriteOp> = ReturnType<Writes[K]['input']>;
/** Every write's outcome, by operation. */
export type CommandOutcomes = { [K in WriteOp]: Awaited<ReturnType<Writes[K]['apply']>>['outcome'] };

/**
 * Every write as plain data: what the outage journal stores and replays. It carries its own `now`,
 * ids and event id, so applying it later gives the outcome it would have had.
 */
export type StorageCommand = {
  [K in WriteOp]: { readonly op: K; readonly input: WriteInput<K>; readonly ctx: WriteContext };
}[WriteOp];

/** The write methods of `Storage`, one per entry of `WRITES`. */
export type StorageWrites = {
  [K in WriteOp]: (...args: [...WriteArgs<K>, ctx: WriteContext]) => Promise<WriteResult<CommandOutcomes[K]>>;
};

type AnySpec = WriteSpec<unknown[], { readonly guildId: string }, unknown>;

/** The command a write method's arguments describe (the last argument is the `WriteContext`). */
export function toCommand(op: WriteOp, args: unknown[]): StorageCommand {
  const ctx = args[args.length - 1] as WriteContext;
  const input = (WRITES[op] as AnySpec).input(...args.slice(0, -1));
  // Whatever a caller passed, the write's own validation sees an object (a missing id is refused there).
  return { op, input: isObject(input) ? input : {}, ctx } as StorageCommand;
}

export function commandGuild(command: StorageCommand): string {
  return command.input.guildId;
}

export function changesCachedData(command: StorageCommand): boolean {
  return (WRITES[command.op] as AnySpec).changesCachedData === true;
}

export function applyCommand(backend: Backend, command: StorageCommand): Promise<WriteDone<unknown>> {
  return (WRITES[command.op] as AnySpec).apply(backend, command.input, command.ctx);
}
