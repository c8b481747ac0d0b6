/**
 * "I worked until…" under the DM that tells a member Timekeeper closed their unanswered session. The
 * button opens a modal for a time in the server's zone; submitted, it becomes a member request in the
 * review channel (like `/request`) — nothing changes until a manager approves it. The signed custom_id
 * names the guild, the session and when it was closed: the claimed end must lie between the session's
 * start and that moment. One request per session waits at a time (its id is derived from the session),
 * and an approved one is applied once (the write's event id is that id).
 */
import { ErrorCode } from '@timekeeper/contracts';
import { InteractionError, readValue, respond, type DirectMessageScope } from '@timekeeper/service-kit';
import type { CompletedSession } from '@timekeeper/storage';
import { ComponentType, TextInputStyle, type APIInteractionResponse } from 'discord-api-types/v10';
import { loadCategories, type TimecardDeps } from '../deps';
import type { Draft } from '../flows/corrections';
import { NO_REVIEW_CHANNEL, postRequest, requestSentText } from '../flows/requests';
import { checkWorkedUntil } from '../logic/worked-until';
import { DM_ACTIONS } from '../workers/messages';

const FIELD = 'worked_until';

function refuse(message: string): never {
  throw new InteractionError(ErrorCode.INVALID_INPUT, `${message} Nothing was sent.`);
}

/** The request's id: one per session, so a resubmitted (or replayed) modal never makes a second one. */
export const workedUntilRequestId = (sessionId: string): string => `until-${sessionId}`.slice(0, 100);

interface Named {
  readonly guildId: string;
  readonly session: CompletedSession;
  readonly closedAt: number;
}

async function named(deps: TimecardDeps, scope: DirectMessageScope): Promise<Named> {
  const [guildId, sessionId, closed] = scope.customId.args;
  const closedAt = closed ? parseInt(closed, 36) : NaN;
  if (!guildId || !sessionId || !Number.isSafeInteger(closedAt)) {
    throw new InteractionError(ErrorCode.EXPIRED_COMPONENT);
  }
  const session = readValue(await deps.storage.session(guildId, sessionId));
  if (!session || session.userId !== scope.userId) {
    refuse(
      'That session is not one of yours any more (deleted or corrected?). Use `/request` in the server.',
    );
  }
  return { guildId, session, closedAt };
}

export function workedUntilButton(deps: TimecardDeps) {
  return async (scope: DirectMessageScope): Promise<APIInteractionResponse> => {
    const { guildId, session, closedAt } = await named(deps, scope);
    return respond.modal({
      custom_id: deps.codec.encode({
        service: 'timecard',
        action: DM_ACTIONS.workedUntilModal,
        args: [guildId, session.id, closedAt.toString(36)],
      }),
      title: 'Until when did you work?',
      components: [
        {
          type: ComponentType.ActionRow,
          components: [
            {
              type: ComponentType.TextInput,
              custom_id: FIELD,
              label: 'Until (HH:MM, your server’s time)',
              style: TextInputStyle.Short,
              placeholder: '17:30 or 2026-12-01 17:30',
              min_length: 4,
              max_length: 16,
              required: true,
            },
          ],
        } as never,
      ],
    });
  };
}

export function workedUntilModal(deps: TimecardDeps) {
  return async (scope: DirectMessageScope): Promise<APIInteractionResponse> => {
    const { guildId, session, closedAt } = await named(deps, scope);
    const settings = readValue(await deps.storage.getSettings(guildId));
    const channelId = settings.reviewChannelId;
    if (!channelId) refuse(NO_REVIEW_CHANNEL);
    const checked = checkWorkedUntil(scope.fields.get(FIELD) ?? '', {
      zone: settings.timeZone,
      start: session.start,
      end: session.end,
      closedAt,
      maxSessionMs: settings.maxSessionMs,
    });
    if (!checked.ok) refuse(checked.message);
    const requestId = workedUntilRequestId(session.id);
    if (await deps.storage.readDraft(guildId, requestId)) {
      refuse('You already asked about this session; a manager will answer (you get a DM).');
    }
    const draft: Draft = {
      guildId,
      userId: scope.userId,
      actor: scope.userId,
      reason: `Worked until ${checked.text} (answer to the automatic clock-out)`,
      kind: 'edit',
      sessionId: session.id,
      changes: { end: checked.at },
    };
    const { names } = await loadCategories(deps, guildId);
    await postRequest(deps, scope.logger, { requestId, channelId, draft, before: session, names });
    return respond.ephemeral(requestSentText(channelId));
  };
}
