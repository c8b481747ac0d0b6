/**
 * The audit trail as an export's rows: the entries whose change happened in the range, newest first,
 * each before/after state written so people can read it (`start – end category (h:mm)`). Pure.
 */
import { auditActionName } from '@timekeeper/contracts';
import type { AuditItem } from '@timekeeper/storage';
import { hoursMinutes, wholeSeconds } from './durations';
import type { LocalClock } from './local-time';
import type { ExportRange } from './range';

export interface AuditRow {
  /** Local ISO 8601 with the offset. */
  readonly when: string;
  readonly actorId: string;
  readonly actor: string;
  readonly memberId: string;
  readonly member: string;
  readonly action: string;
  readonly sessionId: string;
  readonly before: string;
  readonly after: string;
  readonly reason: string;
}

export interface AuditTrail {
  readonly from: string;
  readonly to: string;
  readonly zone: string;
  /** `Everyone on the server` or the member's name. */
  readonly scope: string;
  readonly rows: readonly AuditRow[];
}

export interface AuditInput {
  readonly items: readonly AuditItem[];
  readonly range: ExportRange;
  readonly clock: LocalClock;
  readonly userId: string | null;
  readonly memberNames: ReadonlyMap<string, string>;
  readonly categoryNames: ReadonlyMap<string, string>;
}

/** What an actor that is not a member (timers, automatic closes) is called. */
export const SYSTEM_ACTOR = 'Timekeeper';

interface State {
  readonly id?: string;
  readonly start?: number;
  readonly end?: number;
  readonly category?: string;
  readonly periodId?: string;
  readonly until?: number | null;
}

const SNOWFLAKE = /^\d{17,20}$/;

/** The member ids and actor ids an audit trail names (to look their names up). */
export function auditPeople(items: readonly AuditItem[]): string[] {
  const ids = new Set<string>();
  for (const { fields } of items) {
    for (const id of [fields.actor, fields.userId]) if (id && SNOWFLAKE.test(id)) ids.add(id);
  }
  return [...ids];
}

/** The entries that happened in [range.startMs, range.endMs), newest first. */
export function auditInRange(items: readonly AuditItem[], range: ExportRange): AuditItem[] {
  return items
    .filter((item) => {
      const at = Number(item.fields.at);
      return at >= range.startMs && at < range.endMs;
    })
    .sort((a, b) => Number(b.fields.at) - Number(a.fields.at));
}

export function buildAuditTrail(input: AuditInput): AuditTrail {
  const name = (id: string): string => input.memberNames.get(id) ?? id;
  const rows = auditInRange(input.items, input.range).map((item): AuditRow => {
    const f = item.fields;
    const before = parse(f.before);
    const after = parse(f.after);
    const actorId = f.actor ?? '';
    return {
      when: input.clock.iso(Number(f.at)),
      actorId,
      actor: SNOWFLAKE.test(actorId) ? name(actorId) : SYSTEM_ACTOR,
      memberId: f.userId ?? '',
      member: f.userId ? name(f.userId) : '',
      action: auditActionName(f.type),
      sessionId: after?.id ?? before?.id ?? '',
      before: describe(before, input),
      after: describe(after, input),
      reason: f.reason ?? '',
    };
  });
  return {
    from: input.range.from,
    to: input.range.to,
    zone: input.clock.zoneName,
    scope: input.userId === null ? 'Everyone on the server' : name(input.userId),
    rows,
  };
}

function parse(raw: string | undefined): State | null {
  if (raw === undefined) return null;
  try {
    const value: unknown = JSON.parse(raw);
    return typeof value === 'object' && value !== null ? (value as State) : null;
  } catch {
    return null;
  }
}

/** A state as people read it; '' when there is none (nothing before a clock-in). */
function describe(s: State | null, input: Pick<AuditInput, 'clock' | 'categoryNames'>): string {
  if (!s) return '';
  const { clock } = input;
  if (s.periodId) {
    return s.periodId.startsWith('w') ? `week of ${s.periodId.slice(1)}` : `month ${s.periodId.slice(1)}`;
  }
  const category = s.category ? (input.categoryNames.get(s.category) ?? s.category) : '';
  if (s.start !== undefined && s.end !== undefined) {
    const duration = hoursMinutes(wholeSeconds(s.end - s.start));
    return `${clock.iso(s.start)} – ${clock.iso(s.end)} ${category} (${duration})`.replace('  ', ' ');
  }
  if (s.start !== undefined) return `running since ${clock.iso(s.start)} ${category}`.trim();
  if ('until' in s) return s.until ? `suspended until ${clock.iso(s.until)}` : 'suspended until lifted';
  return '';
}
