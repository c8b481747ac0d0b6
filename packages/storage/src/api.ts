import type { StorageWrites } from './repo/commands';
import type { Storage } from './storage';

/**
 * What a service may call on storage: every write of the write table (`StorageWrites`), the reads and
 * the small per-guild records, and the state a health check reports. Services depend on this type;
 * only a service's wiring holds the `Storage` itself (to connect and close it). A new public method of
 * `Storage` that services should call is added to this list; a new write needs nothing here.
 */
export type StorageApi = Pick<
  Storage,
  | keyof StorageWrites
  | 'mode'
  | 'degraded'
  | 'breakerState'
  | 'recoverNow'
  | 'journalPending'
  | 'getSettings'
  | 'listCategories'
  | 'activeSessions'
  | 'userSummary'
  | 'leaderboard'
  | 'sessionsInRange'
  | 'sessionsOverlapping'
  | 'auditLog'
  | 'saveDashboard'
  | 'getDashboard'
  | 'listDashboards'
  | 'deleteDashboard'
  | 'activeSession'
  | 'recordNotice'
  | 'listNotices'
  | 'setRemindersMuted'
  | 'remindersMuted'
  | 'setLeaderboardHidden'
  | 'leaderboardHidden'
  | 'claimTargetReminder'
  | 'auditPage'
  | 'reviewQueue'
  | 'session'
  | 'periodLocks'
  | 'suspension'
  | 'saveDraft'
  | 'readDraft'
  | 'dropDraft'
  | 'takeDraft'
  | 'dailyRollups'
>;
