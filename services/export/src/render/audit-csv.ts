/**
 * The audit trail as one CSV file: a row per change, newest first, through the same writer and
 * formula escaping as the timesheet CSV. An empty trail still has its header and says so.
 */
import type { AuditTrail } from '../logic/audit';
import { csvFile, type CsvOptions } from './csv';

export const AUDIT_HEADER = [
  'when',
  'time_zone',
  'actor_id',
  'actor',
  'member_id',
  'member',
  'action',
  'session_id',
  'before',
  'after',
  'reason',
] as const;

export const NO_CHANGES = 'no changes in this range';

export function auditCsv(trail: AuditTrail, options: Pick<CsvOptions, 'bom'>): Buffer {
  const rows =
    trail.rows.length === 0
      ? [[NO_CHANGES, trail.zone, ...AUDIT_HEADER.slice(2).map(() => '')]]
      : trail.rows.map((r) => [
          r.when,
          trail.zone,
          r.actorId,
          r.actor,
          r.memberId,
          r.member,
          r.action,
          r.sessionId,
          r.before,
          r.after,
          r.reason,
        ]);
  return csvFile(AUDIT_HEADER, rows, options);
}

/** `audit-2026-11-01_2026-11-30` (+ `-<member id>` for one member). */
export function auditBaseName(trail: AuditTrail, userId: string | null): string {
  return `audit-${trail.from}_${trail.to}${userId ? `-${userId}` : ''}`;
}
