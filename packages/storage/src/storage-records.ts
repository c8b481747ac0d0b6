import type { ActiveSession } from './model/types';
import { checkIds } from './model/validation';
import type { Backend } from './repo/backend';
import * as dashboards from './repo/dashboards';
import * as notices from './repo/notices';
import * as preferences from './repo/preferences';
import { readActiveSession } from './repo/session-close';

/**
 * Small per-guild records beside the time data: shared dashboards, integration notices for admins and
 * members' reminder preferences. Plain reads and writes through the breaker; not journaled (nothing here
 * is time a member tracked).
 */
export abstract class StorageRecords {
  protected constructor(protected readonly backend: Backend) {}

  // ── shared dashboards (one per channel; see repo/dashboards.ts) ─────────────────────────────────

  /** Records a channel's shared dashboard message; resolves with the record it replaced, if any. */
  saveDashboard(record: dashboards.DashboardRecord): Promise<dashboards.DashboardRecord | null> {
    const bad = dashboards.checkDashboard(record);
    if (bad) return Promise.reject(new RangeError(`invalid dashboard record: ${bad}`));
    return this.backend.call((r) => dashboards.setDashboard(r, record));
  }

  getDashboard(guildId: string, channelId: string): Promise<dashboards.DashboardRecord | null> {
    if (checkIds({ guildId, channelId }))
      return Promise.reject(new RangeError('invalid guild or channel id'));
    return this.backend.call((r) => dashboards.getDashboard(r, guildId, channelId));
  }

  listDashboards(guildId: string): Promise<dashboards.DashboardRecord[]> {
    if (checkIds({ guildId })) return Promise.reject(new RangeError('invalid guild id'));
    return this.backend.call((r) => dashboards.listDashboards(r, guildId));
  }

  /** Forgets a channel's dashboard; with `messageId`, only while the record still names that message. */
  deleteDashboard(guildId: string, channelId: string, messageId?: string): Promise<boolean> {
    if (checkIds({ guildId, channelId }))
      return Promise.reject(new RangeError('invalid guild or channel id'));
    return this.backend.call((r) => dashboards.deleteDashboard(r, guildId, channelId, messageId));
  }

  // ── worker state: one member's session, integration notices, reminder preferences ───────────────

  /** A member's active session (read from Redis, never cached), or null. */
  activeSession(guildId: string, userId: string): Promise<ActiveSession | null> {
    if (checkIds({ guildId, userId })) return Promise.reject(new RangeError('invalid guild or user id'));
    return readActiveSession(this.backend, guildId, userId);
  }

  /** Records an integration problem for admins; `announce` is false while a notice with `quiet.key` is recent. */
  recordNotice(
    guildId: string,
    notice: notices.Notice,
    quiet?: { key: string; windowMs: number },
  ): Promise<{ announce: boolean }> {
    const bad = checkIds({ guildId }) ? 'invalid guild id' : notices.checkNotice(notice);
    if (bad) return Promise.reject(new RangeError(`invalid notice: ${bad}`));
    return this.backend.call((r) => notices.recordNotice(r, guildId, notice, quiet));
  }

  /** The guild's newest integration notices, newest first (at most `notices.MAX_NOTICES`). */
  listNotices(guildId: string, limit = 20): Promise<notices.Notice[]> {
    if (checkIds({ guildId })) return Promise.reject(new RangeError('invalid guild id'));
    return this.backend.call((r) => notices.listNotices(r, guildId, limit));
  }

  setRemindersMuted(guildId: string, userId: string, muted: boolean, at: number): Promise<void> {
    if (checkIds({ guildId, userId })) return Promise.reject(new RangeError('invalid guild or user id'));
    return this.backend.call((r) => preferences.setRemindersMuted(r, guildId, userId, muted, at));
  }

  remindersMuted(guildId: string, userId: string): Promise<boolean> {
    if (checkIds({ guildId, userId })) return Promise.reject(new RangeError('invalid guild or user id'));
    return this.backend.call((r) => preferences.remindersMuted(r, guildId, userId));
  }
}
