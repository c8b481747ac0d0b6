/** Storage rejections → what we tell the admin. Pure; each message names the thing and the way out. */
import { ErrorCode, TIMEKEEPER_LIMITS } from '@timekeeper/contracts';
import { EVENT_ID_CONFLICT_MESSAGE } from '@timekeeper/service-kit';
import { plain } from '../views/text';

export interface Refusal {
  readonly code: ErrorCode;
  readonly message: string;
}

export type CategoryOperation = 'add' | 'edit' | 'archive' | 'restore';

interface StorageRejection {
  readonly code: string;
  readonly message: string;
  readonly field?: string;
}

const LIMIT = TIMEKEEPER_LIMITS.categoriesPerGuild;

/** Messages for invalid fields, shared by our own checks and storage's. */
export const FIELD_MESSAGES = {
  nameEmpty: 'Give the category a name.',
  nameLong: `Category names can be at most ${TIMEKEEPER_LIMITS.categoryName} characters.`,
  nameChars: 'Category names can use letters, digits, spaces, `-` and `_` only.',
  reserved: (key: string) => `"${plain(key)}" is reserved by Timekeeper. Pick another name.`,
  description: `Descriptions can be at most ${TIMEKEEPER_LIMITS.categoryDescription} characters.`,
  color: (raw: string) => `"${plain(raw)}" isn't a colour I can read. Use hex like \`#3498db\`.`,
  weight: `The weight must be a number from ${TIMEKEEPER_LIMITS.categoryWeightMin} to ${TIMEKEEPER_LIMITS.categoryWeightMax}.`,
} as const;

export function categoryRejection(
  operation: CategoryOperation,
  name: string,
  rejection: StorageRejection,
): Refusal {
  const shown = `"${plain(name)}"`;
  switch (rejection.code) {
    case 'CATEGORY_EXISTS':
      return conflict(
        operation === 'edit'
          ? 'Another category already answers to that name (a category keeps the name it was created with as an alias). Pick another name.'
          : `A category named ${shown} already exists. Change it with \`/admin categories edit\`.`,
      );
    case 'CATEGORY_LIMIT':
      return conflict(`You already have ${LIMIT} active categories — archive one first.`);
    case 'CATEGORY_NOT_FOUND':
      return {
        code: ErrorCode.NOT_FOUND,
        message: `There's no category named ${shown}. See them all with \`/admin categories list\`.`,
      };
    case 'CATEGORY_ARCHIVED':
      return conflict(
        operation === 'archive'
          ? `${shown} is already archived.`
          : `${shown} exists but is archived. Bring it back with \`/admin categories restore\`.`,
      );
    case 'CATEGORY_NOT_ARCHIVED':
      return conflict(`${shown} isn't archived, so there is nothing to restore.`);
    case 'INVALID_INPUT':
      return { code: ErrorCode.INVALID_INPUT, message: invalidFieldMessage(rejection, name) };
    default:
      return eventIdConflict();
  }
}

/** Storage's INVALID_INPUT, by field, in our words. */
export function invalidFieldMessage(rejection: StorageRejection, name: string): string {
  switch (rejection.field) {
    case 'name':
      if (/reserved/.test(rejection.message)) return FIELD_MESSAGES.reserved(name.trim().toLowerCase());
      if (/at most/.test(rejection.message)) return FIELD_MESSAGES.nameLong;
      if (/needs a name/.test(rejection.message)) return FIELD_MESSAGES.nameEmpty;
      return FIELD_MESSAGES.nameChars;
    case 'displayName':
      if (/at most/.test(rejection.message)) return FIELD_MESSAGES.nameLong;
      return FIELD_MESSAGES.nameChars;
    case 'description':
      return FIELD_MESSAGES.description;
    case 'color':
      return FIELD_MESSAGES.color('');
    case 'productivityWeight':
      return FIELD_MESSAGES.weight;
    default:
      return `That isn't valid: ${rejection.message}.`;
  }
}

/** A settings write refused by storage (our own checks normally catch these first). */
export function settingsRejection(rejection: StorageRejection): Refusal {
  if (rejection.code !== 'INVALID_INPUT') return eventIdConflict();
  const byField: Record<string, string> = {
    timeZone: "That isn't a time zone I know. Pick one from the list, e.g. `Europe/Berlin`.",
    weekStart: 'The week can start on Monday, Sunday or Saturday.',
    maxSessionMs: 'The maximum session is 1 to 24 hours.',
    reminderIntervalMs: 'Reminders can be every 1 to 1440 minutes, or 0 to turn them off.',
    activityLogChannelId: "That channel can't be used for the activity log.",
    reviewChannelId: "That channel can't be used for timesheet requests.",
    managerRoleIds: "That role can't be used as a manager role.",
    roles: "That role can't be used as a clock-in role.",
  };
  return {
    code: ErrorCode.INVALID_INPUT,
    message: byField[rejection.field ?? ''] ?? `That isn't valid: ${rejection.message}.`,
  };
}

function conflict(message: string): Refusal {
  return { code: ErrorCode.CONFLICT, message };
}

function eventIdConflict(): Refusal {
  return {
    code: ErrorCode.CONFLICT,
    message: EVENT_ID_CONFLICT_MESSAGE,
  };
}
