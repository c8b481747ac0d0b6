/** `/timesheet list`, `audit` and `review` messages. Pure. */
import type { APIEmbed } from 'discord-api-types/v10';
import type { AuditItem, CompletedSession, PeriodLock } from '@timekeeper/storage';
import { discordTime, plain, truncate, userMention } from '../logic/format';
import { auditActionName, formatDecimalHours, formatDuration } from '@timekeeper/contracts';

import { button, ButtonStyle, COLORS, row, type ActionRow, type MessageBody } from './components';
import { sessionLine } from './corrections';
import type { CategoryNames } from './names';

function marks(s: CompletedSession): string {
  const m = [];
  if (s.flags.needsReview) m.push('⚑ review');
  if (s.flags.autoClosed) m.push('auto-closed');
  if (s.flags.forced) m.push('forced');
  if (s.flags.edited) m.push('corrected');
  return m.length > 0 ? ` _(${m.join(', ')})_` : '';
}

export function listView(input: {
  readonly userId: string;
  readonly label: string;
  readonly sessions: readonly CompletedSession[];
  readonly hasMore: boolean;
  readonly lock: PeriodLock | null;
  readonly names: CategoryNames;
}): MessageBody {
  const total = input.sessions.reduce((sum, s) => sum + s.durationMs, 0);
  const lines = input.sessions.map((s, i) => `\`${i + 1}.\` ${sessionLine(s, input.names)}${marks(s)}`);
  const head = `Sessions of ${userMention(input.userId)} that started in ${input.label}:`;
  const body = lines.length > 0 ? lines.join('\n') : 'No sessions.';
  const fields = [
    { name: 'Total', value: `${formatDuration(total)} (${formatDecimalHours(total)} h)`, inline: true },
    { name: 'Sessions', value: String(input.sessions.length) + (input.hasMore ? '+' : ''), inline: true },
  ];
  if (input.lock) {
    fields.push({
      name: 'Approved',
      value: `🔒 locked by <@${input.lock.by}> ${discordTime(input.lock.at, 'R')}`,
      inline: true,
    });
  }
  return {
    embeds: [
      {
        title: '🗂️ Timesheet',
        color: COLORS.info,
        description: truncate(`${head}\n${body}`, 4096),
        fields,
        footer: { text: 'Fix one with /timesheet edit, add a missing one with /timesheet add.' },
      },
    ],
  };
}

interface Shape {
  start?: number;
  end?: number;
  category?: string;
  durationMs?: number;
  periodId?: string;
  scope?: string;
}

function parse(raw: string | undefined): Shape | null {
  if (raw === undefined) return null;
  try {
    return JSON.parse(raw) as Shape;
  } catch {
    return null;
  }
}

/** A session's pay for the audit trail (`EUR 12.50`), or null without a rate. */
export type PayOf = (userId: string, category: string, ms: number) => string | null;

function describeState(
  s: Shape | null,
  names: CategoryNames,
  pay: (category: string, ms: number) => string | null,
): string {
  if (!s) return '—';
  if (s.periodId)
    return s.periodId.startsWith('w') ? `week of ${s.periodId.slice(1)}` : `month ${s.periodId.slice(1)}`;
  const cat = s.category ? `**${plain(names.get(s.category)?.displayName ?? s.category)}**` : '';
  if (s.start !== undefined && s.end !== undefined) {
    const d = s.end - s.start;
    const paid = s.category ? pay(s.category, d) : null;
    return `${discordTime(s.start, 'f')} → ${discordTime(s.end, 't')} ${cat} ${formatDuration(d)} (${formatDecimalHours(d)} h${paid ? ` · ${paid}` : ''})`;
  }
  if (s.start !== undefined) return `running since ${discordTime(s.start, 'f')} ${cat}`;
  return '—';
}

/** One audit entry: when, who, what, before → after, why. */
export function auditLine(item: AuditItem, names: CategoryNames, payOf: PayOf = () => null): string {
  const f = item.fields;
  const pay = (category: string, ms: number): string | null =>
    f.userId ? payOf(f.userId, category, ms) : null;
  const who = /^\d+$/.test(f.actor ?? '') ? userMention(f.actor!) : 'Timekeeper';
  const whose = f.userId && f.userId !== f.actor ? ` for ${userMention(f.userId)}` : '';
  const what = auditActionName(f.type);
  const before = parse(f.before);
  const after = parse(f.after);
  const change =
    before && after
      ? `${describeState(before, names, pay)} → ${describeState(after, names, pay)}`
      : describeState(after ?? before, names, pay);
  const why = f.reason ? `\n  ↳ _${truncate(plain(f.reason), 200)}_` : '';
  return `${discordTime(Number(f.at), 'f')} · ${who}${whose}: **${what}**\n  ${change}${why}`;
}

export function auditView(input: {
  readonly userId: string | null;
  readonly items: readonly AuditItem[];
  readonly olderId: string | null;
  readonly newestId: string | null;
  readonly names: CategoryNames;
  readonly payOf?: PayOf;
}): MessageBody {
  const title = input.userId
    ? `📜 Audit trail — ${userMention(input.userId)}`
    : '📜 Audit trail — whole server';
  const lines = input.items.map((item) => auditLine(item, input.names, input.payOf));
  let description = '';
  for (const line of lines) {
    if (description.length + line.length + 2 > 4000) break;
    description += `${line}\n\n`;
  }
  const buttons = [];
  if (input.newestId) buttons.push(button(input.newestId, 'Newest', ButtonStyle.Secondary, { emoji: '⏮️' }));
  if (input.olderId) buttons.push(button(input.olderId, 'Older', ButtonStyle.Secondary, { emoji: '▶️' }));
  const embed: APIEmbed = {
    title: 'Audit trail',
    color: COLORS.neutral,
    description: truncate(`${title}\n\n${description || 'Nothing recorded yet.'}`, 4096),
    footer: { text: 'Newest first. Times show in your own time zone.' },
  };
  return { embeds: [embed], components: buttons.length > 0 ? [row(...buttons)] : [] };
}

/** Up to five flagged sessions, each with Accept / Adjust end / Delete. */
export function reviewView(input: {
  readonly sessions: readonly CompletedSession[];
  readonly total: number;
  readonly names: CategoryNames;
  readonly ids: (sessionId: string) => { accept: string; adjust: string; delete: string };
}): MessageBody {
  if (input.sessions.length === 0) {
    return {
      embeds: [
        {
          title: '✅ Review queue',
          color: COLORS.success,
          description: 'No sessions are waiting for review.',
        },
      ],
    };
  }
  const lines = input.sessions.map(
    (s, i) =>
      `\`${i + 1}.\` ${userMention(s.userId)} — ${sessionLine(s, input.names)}${s.flags.autoClosed ? ' _(closed automatically)_' : ' _(capped at the maximum)_'}`,
  );
  const rows: ActionRow[] = input.sessions.map((s, i) => {
    const ids = input.ids(s.id);
    return row(
      button(ids.accept, `${i + 1}. Accept`, ButtonStyle.Success),
      button(ids.adjust, `${i + 1}. Adjust end`, ButtonStyle.Primary),
      button(ids.delete, `${i + 1}. Delete`, ButtonStyle.Danger),
    );
  });
  return {
    embeds: [
      {
        title: '⚑ Review queue',
        color: COLORS.warning,
        description: truncate(
          `${input.total} session(s) flagged for review; the oldest first:\n${lines.join('\n')}`,
          4096,
        ),
        footer: { text: 'Accept keeps the session as it is; Adjust sets its real end; Delete removes it.' },
      },
    ],
    components: rows,
  };
}
