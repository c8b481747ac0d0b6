/** Timesheet reads: the audit trail page by page, the review queue, and locks. */
import { keys } from '../../model/keys';
import type { CompletedSession } from '../../model/types';
import { parseJson, type Backend } from '../backend';

export interface AuditQuery {
  /** One member's trail; omit for the whole server's. */
  readonly userId?: string;
  /** Entries older than this stream id (the previous page's `next`); omit for the newest. */
  readonly before?: string;
  readonly limit: number;
}

export interface AuditItem {
  /** Stream id: `<ms>-<seq>`, also the paging cursor. */
  readonly id: string;
  readonly fields: Readonly<Record<string, string>>;
}

export interface AuditPage {
  readonly items: readonly AuditItem[];
  /** Pass as `before` for the next (older) page; null on the last page. */
  readonly next: string | null;
}

export const STREAM_ID = /^\d{1,16}-\d{1,10}$/;
export const MAX_AUDIT_PAGE = 50;

/** Newest first, `limit` entries per page (1–50). */
export async function auditPage(backend: Backend, guildId: string, query: AuditQuery): Promise<AuditPage> {
  const key = query.userId === undefined ? keys.audit(guildId) : keys.userAudit(guildId, query.userId);
  const limit = Math.min(MAX_AUDIT_PAGE, Math.max(1, Math.floor(query.limit)));
  const end = query.before === undefined ? '+' : `(${query.before}`;
  const rows = await backend.call((r) => r.xrevrange(key, end, '-', 'COUNT', limit + 1));
  const items = rows.slice(0, limit).map(([id, flat]) => {
    const fields: Record<string, string> = {};
    for (let i = 0; i + 1 < flat.length; i += 2) fields[flat[i]!] = flat[i + 1]!;
    return { id, fields };
  });
  return { items, next: rows.length > limit ? (items[items.length - 1]?.id ?? null) : null };
}

/** Sessions flagged for review, oldest first, with the total count. */
export async function reviewQueue(
  backend: Backend,
  guildId: string,
  offset: number,
  limit: number,
): Promise<{ sessions: CompletedSession[]; total: number }> {
  const key = keys.reviewQueue(guildId);
  const [ids, total] = await Promise.all([
    backend.call((r) => r.zrange(key, String(offset), String(offset + limit - 1))),
    backend.call((r) => r.zcard(key)),
  ]);
  if (ids.length === 0) return { sessions: [], total };
  const sessionKeys = ids.map((id) => keys.session(guildId, id));
  const raws = await backend.call((r) => r.mget(...sessionKeys));
  const sessions: CompletedSession[] = [];
  raws.forEach((raw, i) => {
    if (raw) sessions.push(parseJson<CompletedSession>(sessionKeys[i]!, raw));
  });
  return { sessions, total };
}

/** One completed session, or null. */
export async function readSession(
  backend: Backend,
  guildId: string,
  sessionId: string,
): Promise<CompletedSession | null> {
  const key = keys.session(guildId, sessionId);
  const raw = await backend.call((r) => r.get(key));
  return raw === null ? null : parseJson<CompletedSession>(key, raw);
}
