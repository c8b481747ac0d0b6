/** A member's correction request as managers see it in the review channel, and its outcome. Pure. */
import type { APIEmbed } from 'discord-api-types/v10';
import type { CompletedSession } from '@timekeeper/storage';
import { plain, truncate, userMention } from '../logic/format';
import type { Draft } from '../flows/corrections';
import { button, ButtonStyle, COLORS, row, type MessageBody } from './components';
import { sessionLine } from './corrections';
import type { CategoryNames } from './names';

function proposed(draft: Draft, before: CompletedSession | null) {
  if (draft.kind === 'add') {
    return {
      start: draft.start,
      end: draft.end,
      category: draft.category,
      durationMs: draft.end - draft.start,
    };
  }
  if (draft.kind !== 'edit' || !before) return null;
  const start = draft.changes.start ?? before.start;
  const end = draft.changes.end ?? before.end;
  return { start, end, category: draft.changes.category ?? before.category, durationMs: end - start };
}

export function requestView(input: {
  readonly draft: Draft;
  readonly before: CompletedSession | null;
  readonly names: CategoryNames;
  readonly approveId: string;
  readonly denyId: string;
}): MessageBody {
  const { draft, before, names } = input;
  const after = proposed(draft, before);
  const fields = [];
  if (before) fields.push({ name: 'Recorded', value: sessionLine(before, names) });
  if (after)
    fields.push({ name: before ? 'Asked for' : 'Missing session', value: sessionLine(after, names) });
  fields.push({ name: 'Reason', value: truncate(plain(draft.reason), 1024) });
  return {
    embeds: [
      {
        title: before ? '📝 Correction request' : '📝 Missing session request',
        color: COLORS.warning,
        description: `${userMention(draft.userId)} asks for a change to their timesheet. Nothing changes until a manager approves.`,
        fields,
      },
    ],
    components: [
      row(
        button(input.approveId, 'Approve', ButtonStyle.Success, { emoji: '✅' }),
        button(input.denyId, 'Deny', ButtonStyle.Danger),
      ),
    ],
  };
}

/** The review-channel message once decided: the request with the decision and no buttons. */
export function decidedView(message: { embeds?: APIEmbed[] }, line: string, approved: boolean): MessageBody {
  const [embed] = message.embeds ?? [];
  return {
    embeds: [
      {
        ...(embed ?? { title: 'Request' }),
        color: approved ? COLORS.success : COLORS.danger,
        description: truncate(`${embed?.description ?? ''}\n\n${line}`, 4096),
      },
    ],
    components: [],
  };
}

/** The member's DM when a manager denies their request. */
export function deniedDmEmbeds(managerId: string, reason: string, request: string): APIEmbed[] {
  return [
    {
      title: 'Your timesheet request was denied',
      color: COLORS.danger,
      description: `${userMention(managerId)} denied your request (“${truncate(plain(request), 200)}”). Nothing was changed.`,
      fields: [{ name: 'Reason', value: truncate(plain(reason), 1024) }],
    },
  ];
}
