import type {
  CategoryOutcome,
  ClockInOutcome,
  ClockOutOutcome,
  DeleteSessionOutcome,
  EditSessionOutcome,
  EnsureDefaultsOutcome,
  SettingsOutcome,
  SwitchOutcome,
} from '../model/outcomes';
import type { CategoryInput, CategoryPatch, SettingsPatch, WriteContext } from '../model/types';
import type { Backend, WriteDone } from './backend';
import {
  archiveCategory,
  createCategory,
  editCategory,
  ensureDefaultCategories,
  restoreCategory,
} from './categories';
import { deleteSession, editSession } from './corrections';
import {
  closeSessionAt,
  confirmActivity,
  type CloseAtInput,
  type CloseAtOutcome,
  type ConfirmActivityOutcome,
  type SessionRef,
} from './session-close';
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
import { addSession, type AddSessionInput, type AddSessionOutcome } from './timesheet/add-session';
import { setPeriodLock, type LockInput, type LockOutcome } from './timesheet/locks';

/**
 * Every write as plain data: what the outage journal stores and replays. It carries its own `now`,
 * ids and event id, so applying it later gives the outcome it would have had.
 */
export type StorageCommand =
  | { readonly op: 'clockIn'; readonly input: ClockInInput; readonly ctx: WriteContext }
  | { readonly op: 'clockOut'; readonly input: ClockOutInput; readonly ctx: WriteContext }
  | { readonly op: 'forceClockOut'; readonly input: ClockOutInput; readonly ctx: WriteContext }
  | { readonly op: 'switchCategory'; readonly input: SwitchInput; readonly ctx: WriteContext }
  | { readonly op: 'closeSessionAt'; readonly input: CloseAtInput; readonly ctx: WriteContext }
  | { readonly op: 'confirmActivity'; readonly input: SessionRef; readonly ctx: WriteContext }
  | {
      readonly op: 'editSession';
      readonly guildId: string;
      readonly sessionId: string;
      readonly changes: SessionChanges;
      readonly ctx: WriteContext;
    }
  | {
      readonly op: 'deleteSession';
      readonly guildId: string;
      readonly sessionId: string;
      readonly ctx: WriteContext;
    }
  | {
      readonly op: 'createCategory';
      readonly guildId: string;
      readonly input: CategoryInput;
      readonly ctx: WriteContext;
    }
  | {
      readonly op: 'editCategory';
      readonly guildId: string;
      readonly name: string;
      readonly patch: CategoryPatch;
      readonly ctx: WriteContext;
    }
  | {
      readonly op: 'archiveCategory';
      readonly guildId: string;
      readonly name: string;
      readonly ctx: WriteContext;
    }
  | {
      readonly op: 'restoreCategory';
      readonly guildId: string;
      readonly name: string;
      readonly ctx: WriteContext;
    }
  | { readonly op: 'ensureDefaults'; readonly guildId: string; readonly ctx: WriteContext }
  | { readonly op: 'addSession'; readonly input: AddSessionInput; readonly ctx: WriteContext }
  | { readonly op: 'lockPeriod'; readonly input: LockInput; readonly ctx: WriteContext }
  | { readonly op: 'unlockPeriod'; readonly input: LockInput; readonly ctx: WriteContext }
  | {
      readonly op: 'updateSettings';
      readonly guildId: string;
      readonly patch: SettingsPatch;
      readonly ctx: WriteContext;
    };

export interface CommandOutcomes {
  clockIn: ClockInOutcome;
  clockOut: ClockOutOutcome;
  forceClockOut: ClockOutOutcome;
  switchCategory: SwitchOutcome;
  closeSessionAt: CloseAtOutcome;
  confirmActivity: ConfirmActivityOutcome;
  editSession: EditSessionOutcome;
  deleteSession: DeleteSessionOutcome;
  createCategory: CategoryOutcome;
  editCategory: CategoryOutcome;
  archiveCategory: CategoryOutcome;
  restoreCategory: CategoryOutcome;
  ensureDefaults: EnsureDefaultsOutcome;
  updateSettings: SettingsOutcome;
  addSession: AddSessionOutcome;
  lockPeriod: LockOutcome;
  unlockPeriod: LockOutcome;
}

export function commandGuild(command: StorageCommand): string {
  return 'input' in command && 'guildId' in command.input
    ? command.input.guildId
    : (command as { guildId: string }).guildId;
}

/** Category and settings writes change cached data. */
export function changesCachedData(command: StorageCommand): boolean {
  return command.op.endsWith('Category') && command.op !== 'switchCategory'
    ? true
    : command.op === 'ensureDefaults' || command.op === 'updateSettings';
}

export function applyCommand(backend: Backend, c: StorageCommand): Promise<WriteDone<unknown>> {
  switch (c.op) {
    case 'clockIn':
      return clockIn(backend, c.input, c.ctx);
    case 'clockOut':
      return clockOut(backend, c.input, c.ctx, false);
    case 'forceClockOut':
      return clockOut(backend, c.input, c.ctx, true);
    case 'switchCategory':
      return switchCategory(backend, c.input, c.ctx);
    case 'closeSessionAt':
      return closeSessionAt(backend, c.input, c.ctx);
    case 'confirmActivity':
      return confirmActivity(backend, c.input, c.ctx);
    case 'editSession':
      return editSession(backend, c.guildId, c.sessionId, c.changes, c.ctx);
    case 'deleteSession':
      return deleteSession(backend, c.guildId, c.sessionId, c.ctx);
    case 'createCategory':
      return createCategory(backend, c.guildId, c.input, c.ctx);
    case 'editCategory':
      return editCategory(backend, c.guildId, c.name, c.patch, c.ctx);
    case 'archiveCategory':
      return archiveCategory(backend, c.guildId, c.name, c.ctx);
    case 'restoreCategory':
      return restoreCategory(backend, c.guildId, c.name, c.ctx);
    case 'ensureDefaults':
      return ensureDefaultCategories(backend, c.guildId, c.ctx);
    case 'updateSettings':
      return updateSettings(backend, c.guildId, c.patch, c.ctx);
    case 'addSession':
      return addSession(backend, c.input, c.ctx);
    case 'lockPeriod':
      return setPeriodLock(backend, c.input, true, c.ctx);
    case 'unlockPeriod':
      return setPeriodLock(backend, c.input, false, c.ctx);
  }
}
