import { InvalidInputError } from './errors';
import type { InvalidInput } from './model/outcomes';
import type { ActiveSession } from './model/types';
import { checkCount, checkIds, checkInstant } from './model/validation';
import type { Backend } from './repo/backend';
import * as dashboards from './repo/dashboards';
import * as notices from './repo/notices';
import * as preferences from './repo/preferences';
import { readActiveSession } from './repo/session-close';

/** Runs `call` unless a check refused its input; a refusal rejects with `InvalidInputError`. */
export function unless<T>(bad: InvalidInput | string | null, call: () => Promise<T>): Promise<T> {
  if (bad === null) return call();
  const error =
    typeof bad === 'string'
      ? new InvalidInputError('input', bad)
      : new InvalidInputError(bad.field, bad.message);
  return Promise.reject(error);
}

/**
 * Small per-guild records beside the time data: shared dashboards, integration notices for admins and
 * members' reminder preferences. Plain reads and writes through the breaker; not journaled (nothing here
 * is time a member tracked). Bad input rejects with `InvalidInputError` (field and reason) and changes
 * nothing.
 */
export abstract class StorageRecords {
  protected constructor(protected readonly backend: Backend) {}

  // ── shared dashboards (one per channel; see repo/dashboards.ts) ─────────────────────────────────

  /** Records a channel's shared dashboard message; resolves with the record it replaced, if any. */
  saveDashboard(record: dashboards.DashboardRecord): Promise<dashboards.DashboardRecord | null> {
    return unless(dashboards.checkDashboard(record, this.backend.now()), () =>
      this.backend.call((r) => dashboards.setDashboard(r, record)),
    );
  }

  getDashboard(guildId: string, channelId: string): Promise<dashboards.DashboardRecord | null> {
    return unless(checkIds({ guildId, channelId }), () =>
      this.backend.call((r) => dashboards.getDashboard(r, guildId, channelId)),
    );
  }

  listDashboards(guildId: string): Promise<dashboards.DashboardRecord[]> {
    return unless(checkIds({ guildId }), () =>
      this.backend.call((r) => dashboards.listDashboards(r, guildId)),
    );
  }

  /** Forgets a channel's dashboard; with `messageId`, only while the record still names that message. */
  deleteDashboard(guildId: string, channelId: string, messageId?: string): Promise<boolean> {
    const bad = checkIds(
      messageId === undefined ? { guildId, channelId } : { guildId, channelId, messageId },
    );
    return unless(bad, () =>
      this.backend.call((r) => dashboards.deleteDashboard(r, guildId, channelId, messageId)),
    );
  }

  // ── worker state: one member's session, integration notices, reminder preferences ───────────────

  /** A member's active session (read from Redis, never cached), or null. */
  activeSession(guildId: string, userId: string): Promise<ActiveSession | null> {
    return unless(checkIds({ guildId, userId }), () => readActiveSession(this.backend, guildId, userId));
  }

  /** Records an integration problem for admins; `announce` is false while a notice with `quiet.key` is recent. */
  recordNotice(
    guildId: string,
    notice: notices.Notice,
    quiet?: { key: string; windowMs: number },
  ): Promise<{ announce: boolean }> {
    const bad =
      checkIds({ guildId }) ?? notices.checkNotice(notice, this.backend.now()) ?? notices.checkQuiet(quiet);
    return unless(bad, () => this.backend.call((r) => notices.recordNotice(r, guildId, notice, quiet)));
  }

  /** The guild's newest integration notices, newest first (a limit above `notices.MAX_NOTICES` is clamped). */
  listNotices(guildId: string, limit = 20): Promise<notices.Notice[]> {
    const bad = checkIds({ guildId }) ?? checkCount('limit', limit, 1, Number.MAX_SAFE_INTEGER, false);
    return unless(bad, () => this.backend.call((r) => notices.listNotices(r, guildId, limit)));
  }

  setRemindersMuted(guildId: string, userId: string, muted: boolean, at: number): Promise<void> {
    const bad =
      checkIds({ guildId, userId }) ??
      (typeof muted === 'boolean' ? null : 'muted is true or false') ??
      checkInstant('at', at, this.backend.now());
    return unless(bad, () =>
      this.backend.call((r) => preferences.setRemindersMuted(r, guildId, userId, muted, at)),
    );
  }

  setLeaderboardHidden(guildId: string, userId: string, hidden: boolean, at: number): Promise<void> {
    const bad =
      checkIds({ guildId, userId }) ??
      (typeof hidden === 'boolean' ? null : 'hidden is true or false') ??
      checkInstant('at', at, this.backend.now());
    return unless(bad, () =>
      this.backend.call((r) => preferences.setLeaderboardHidden(r, guildId, userId, hidden, at)),
    );
  }

  /** Which of `userIds` (at most 1,000) hid themselves from the public boards. */
  leaderboardHidden(guildId: string, userIds: readonly string[]): Promise<Set<string>> {
    const bad =
      checkIds({ guildId }) ??
      (Array.isArray(userIds) && userIds.length <= 1_000 ? null : 'userIds is a list of at most 1,000 ids') ??
      (Array.isArray(userIds)
        ? (userIds.map((userId) => checkIds({ userId })).find((b) => b) ?? null)
        : null);
    return unless(bad, () => this.backend.call((r) => preferences.leaderboardHidden(r, guildId, userIds)));
  }

  remindersMuted(guildId: string, userId: string): Promise<boolean> {
    return unless(checkIds({ guildId, userId }), () =>
      this.backend.call((r) => preferences.remindersMuted(r, guildId, userId)),
    );
  }

  /** True the first time a member's target reminder for `periodId` is claimed (see preferences.ts). */
  claimTargetReminder(
    guildId: string,
    periodId: string,
    userId: string,
    expiresAt: number,
  ): Promise<boolean> {
    const bad =
      checkIds({ guildId, userId }) ??
      (typeof periodId === 'string' && /^[A-Za-z0-9._:-]{1,100}$/.test(periodId)
        ? null
        : 'a period id is 1–100 of A–Z a–z 0–9 . _ : -') ??
      checkInstant('expiresAt', expiresAt, this.backend.now() + 60 * 86_400_000);
    return unless(bad, () =>
      this.backend.call((r) => preferences.claimTargetReminder(r, guildId, periodId, userId, expiresAt)),
    );
  }
}
