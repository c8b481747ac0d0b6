/** Correction previews, their results, and the member's DM. Pure. */
import type { APIEmbed } from 'discord-api-types/v10';
import type { CompletedSession } from '@timekeeper/storage';
import { discordTime, plain, truncate, userMention } from '../logic/format';
import { formatDecimalHours, formatDuration } from '@timekeeper/contracts';
import { button, ButtonStyle, COLORS, row, type MessageBody } from './components';
import { shownName, type CategoryNames } from './names';

export type CorrectionKind = 'edit' | 'add' | 'delete' | 'accept';

/** A session in one line: when, category, duration in hours and minutes and as decimal hours. */
export function sessionLine(
  s: Pick<CompletedSession, 'start' | 'end' | 'category' | 'durationMs'>,
  names: CategoryNames,
): string {
  return `${discordTime(s.start, 'f')} → ${discordTime(s.end, 't')} · **${shownName(names, s.category)}** · ${formatDuration(s.durationMs)} (${formatDecimalHours(s.durationMs)} h)`;
}

const TITLES: Record<CorrectionKind, string> = {
  edit: 'Edit a session',
  add: 'Add a session',
  delete: 'Delete a session',
  accept: 'Accept a flagged session',
};

export interface PreviewInput {
  readonly kind: CorrectionKind;
  readonly userId: string;
  readonly before: Pick<CompletedSession, 'start' | 'end' | 'category' | 'durationMs'> | null;
  readonly after: Pick<CompletedSession, 'start' | 'end' | 'category' | 'durationMs'> | null;
  readonly note?: string | null;
  readonly reason: string;
  readonly names: CategoryNames;
  readonly confirmId: string;
  readonly cancelId: string;
}

/** What a correction will do, with Confirm and Cancel; nothing is written before Confirm. */
export function previewView(input: PreviewInput): MessageBody {
  const fields = [];
  if (input.before) fields.push({ name: 'Before', value: sessionLine(input.before, input.names) });
  if (input.after)
    fields.push({
      name: input.before ? 'After' : 'New session',
      value: sessionLine(input.after, input.names),
    });
  if (input.note !== undefined)
    fields.push({ name: 'Note', value: input.note ? truncate(plain(input.note), 1024) : '(removed)' });
  const delta = (input.after?.durationMs ?? 0) - (input.before?.durationMs ?? 0);
  fields.push({
    name: 'Change to credited time',
    value: `${delta < 0 ? '−' : '+'}${formatDuration(Math.abs(delta))}`,
    inline: true,
  });
  fields.push({ name: 'Reason', value: truncate(plain(input.reason), 1024) });
  return {
    embeds: [
      {
        title: `${TITLES[input.kind]} — preview`,
        color: COLORS.warning,
        description: `Timesheet of ${userMention(input.userId)}. Nothing is changed until you confirm.`,
        fields,
        footer: { text: 'The member gets a direct message and the activity log records it.' },
      },
    ],
    components: [
      row(
        button(input.confirmId, 'Confirm', ButtonStyle.Success, { emoji: '✅' }),
        button(input.cancelId, 'Cancel', ButtonStyle.Secondary),
      ),
    ],
  };
}

export function appliedView(input: {
  readonly kind: CorrectionKind;
  readonly userId: string;
  readonly before: CompletedSession | null;
  readonly after: CompletedSession | null;
  readonly replayed: boolean;
  readonly notified: boolean;
  readonly names: CategoryNames;
}): MessageBody {
  const done: Record<CorrectionKind, string> = {
    edit: 'Session corrected',
    add: 'Session added',
    delete: 'Session deleted',
    accept: 'Session accepted',
  };
  const lines = [];
  if (input.before) lines.push(`Before: ${sessionLine(input.before, input.names)}`);
  if (input.after) lines.push(`${input.before ? 'After' : 'Now'}: ${sessionLine(input.after, input.names)}`);
  lines.push(
    input.replayed
      ? 'This had already been applied; nothing more was changed.'
      : input.notified
        ? `${userMention(input.userId)} gets a direct message; the activity log and the audit trail record it.`
        : `${userMention(input.userId)}'s direct message couldn't be queued; the activity log and audit trail still record it.`,
  );
  return {
    embeds: [
      {
        title: `✅ ${done[input.kind]}`,
        color: COLORS.success,
        description: truncate(lines.join('\n'), 4096),
      },
    ],
    components: [],
  };
}

export function cancelledView(): MessageBody {
  return { content: 'Cancelled. Nothing was changed.', embeds: [], components: [] };
}

/** The member's DM: who changed their timesheet, what, and why. */
export function correctionDmEmbeds(input: {
  readonly kind: CorrectionKind;
  readonly actorId: string;
  readonly reason: string;
  readonly before: CompletedSession | null;
  readonly after: CompletedSession | null;
  readonly names: CategoryNames;
}): APIEmbed[] {
  const what: Record<CorrectionKind, string> = {
    edit: 'corrected a session on your timesheet',
    add: 'added a session to your timesheet',
    delete: 'deleted a session from your timesheet',
    accept: 'reviewed and accepted a session on your timesheet',
  };
  const fields = [];
  if (input.before)
    fields.push({ name: input.after ? 'Before' : 'Deleted', value: sessionLine(input.before, input.names) });
  if (input.after)
    fields.push({ name: input.before ? 'After' : 'Added', value: sessionLine(input.after, input.names) });
  fields.push({ name: 'Reason', value: truncate(plain(input.reason), 1024) });
  return [
    {
      title: 'Your timesheet was changed',
      color: COLORS.info,
      description: `${userMention(input.actorId)} ${what[input.kind]}.`,
      fields,
      footer: { text: 'If this looks wrong, talk to the manager who made the change.' },
    },
  ];
}
