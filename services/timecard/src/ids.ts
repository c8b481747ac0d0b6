/**
 * The timecard service's buttons and menus. Every custom_id is signed (see the contracts codec) and
 * carries all the state its handler needs, starting with the guild id, so buttons keep working after a
 * restart and a button copied into another server is refused.
 */
import { createHash } from 'node:crypto';
import type { CustomIdCodec } from '@timekeeper/contracts';

export const ACTIONS = {
  /** Dashboard "Clock in": opens the category menu. Args: guild. */
  dashboardClockIn: 'dash-in',
  /** Dashboard "Clock out" for whoever clicks. Args: guild. */
  dashboardClockOut: 'dash-out',
  /** Dashboard "My stats". Args: guild. */
  dashboardStats: 'dash-stats',
  /** Dashboard "Who's clocked in". Args: guild. */
  dashboardWho: 'dash-who',
  /** Category menu opened from a dashboard. Args: guild, user. */
  pickCategory: 'pick',
  /** "Switch to <category>" offered to a member who is already clocked in. Args: guild, user, category ref. */
  switchCategory: 'switch',
  /** "Clock out" offered to a member who is already clocked in. Args: guild, user. */
  clockOut: 'out',
  /** /whoclocked pages. Args: guild, page. */
  whoPage: 'who',
  /** Confirm a previewed timesheet correction. Args: guild, draft id (also the write's event id). */
  correctionConfirm: 'ts-ok',
  /** Cancel a previewed correction. Args: guild, draft id. */
  correctionCancel: 'ts-no',
  /** Audit trail pages. Args: guild, member ('' = whole server), cursor ('' = newest). */
  auditPage: 'ts-audit',
  /** Review queue: accept a flagged session as it is (previewed). Args: guild, session. */
  reviewAccept: 'rv-ok',
  /** Review queue: adjust the end of a flagged session (opens a modal). Args: guild, session. */
  reviewAdjust: 'rv-adj',
  /** The adjust modal. Args: guild, session. */
  reviewAdjustModal: 'rv-adj-m',
  /** Review queue: delete a flagged session (asks the reason, then previews). Args: guild, session. */
  reviewDelete: 'rv-del',
  /** The delete-reason modal. Args: guild, session. */
  reviewDeleteModal: 'rv-del-m',
  /** A member's request in the review channel: approve it. Args: guild, request id. */
  requestApprove: 'rq-ok',
  /** Deny it (asks the reason). Args: guild, request id. */
  requestDeny: 'rq-no',
  /** The deny-reason modal. Args: guild, request id. */
  requestDenyModal: 'rq-no-m',
} as const;

/**
 * A category named inside a custom_id: a short hash of its key, so the id stays within 100 characters
 * whatever the name's length (the key itself may be 50 characters). Resolved against the guild's
 * categories when clicked.
 */
export function categoryRef(key: string): string {
  return createHash('sha256').update(key).digest('base64url').slice(0, 10);
}

export function customIds(codec: CustomIdCodec) {
  const id = (action: string, ...args: string[]): string =>
    codec.encode({ service: 'timecard', action, args });
  return {
    dashboard: (guildId: string) => ({
      clockIn: id(ACTIONS.dashboardClockIn, guildId),
      clockOut: id(ACTIONS.dashboardClockOut, guildId),
      stats: id(ACTIONS.dashboardStats, guildId),
      who: id(ACTIONS.dashboardWho, guildId),
    }),
    pickCategory: (guildId: string, userId: string) => id(ACTIONS.pickCategory, guildId, userId),
    switchCategory: (guildId: string, userId: string, categoryKey: string) =>
      id(ACTIONS.switchCategory, guildId, userId, categoryRef(categoryKey)),
    clockOut: (guildId: string, userId: string) => id(ACTIONS.clockOut, guildId, userId),
    whoPage: (guildId: string, page: number) => id(ACTIONS.whoPage, guildId, String(page)),
    correction: (guildId: string, draftId: string) => ({
      confirm: id(ACTIONS.correctionConfirm, guildId, draftId),
      cancel: id(ACTIONS.correctionCancel, guildId, draftId),
    }),
    auditPage: (guildId: string, userId: string | null, before: string | null) =>
      id(ACTIONS.auditPage, guildId, userId ?? '', before ?? ''),
    review: (guildId: string, sessionId: string) => ({
      accept: id(ACTIONS.reviewAccept, guildId, sessionId),
      adjust: id(ACTIONS.reviewAdjust, guildId, sessionId),
      adjustModal: id(ACTIONS.reviewAdjustModal, guildId, sessionId),
      delete: id(ACTIONS.reviewDelete, guildId, sessionId),
      deleteModal: id(ACTIONS.reviewDeleteModal, guildId, sessionId),
    }),
    request: (guildId: string, requestId: string) => ({
      approve: id(ACTIONS.requestApprove, guildId, requestId),
      deny: id(ACTIONS.requestDeny, guildId, requestId),
      denyModal: id(ACTIONS.requestDenyModal, guildId, requestId),
    }),
  };
}

export type CustomIds = ReturnType<typeof customIds>;
