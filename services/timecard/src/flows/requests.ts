/**
 * A member's request, kept as a pending draft (14 days) and posted in the review channel with
 * Approve / Deny. Shared by `/request` and the "I worked until…" answer to an auto-close DM.
 */
import { ErrorCode } from '@timekeeper/contracts';
import { InteractionError, type Logger } from '@timekeeper/service-kit';
import { REQUEST_TTL_MS, type CompletedSession } from '@timekeeper/storage';
import type { TimecardDeps } from '../deps';
import { requestView } from '../views/requests';
import type { CategoryNames } from '../views/names';
import type { Draft } from './corrections';

export async function postRequest(
  deps: Pick<TimecardDeps, 'storage' | 'api' | 'ids'>,
  logger: Logger,
  input: {
    readonly requestId: string;
    readonly channelId: string;
    readonly draft: Draft;
    readonly before: CompletedSession | null;
    readonly names: CategoryNames;
  },
): Promise<void> {
  const { draft, requestId, channelId } = input;
  await deps.storage.saveDraft(draft.guildId, requestId, draft, REQUEST_TTL_MS);
  const ids = deps.ids.request(draft.guildId, requestId);
  try {
    await deps.api.channels.createMessage(channelId, {
      ...requestView({
        draft,
        before: input.before,
        names: input.names,
        approveId: ids.approve,
        denyId: ids.deny,
      }),
      allowed_mentions: { parse: [] },
    });
  } catch (error) {
    logger.warn({ err: error, channelId }, 'could not post a request to the review channel');
    await deps.storage.dropDraft(draft.guildId, requestId);
    throw new InteractionError(
      ErrorCode.UNAVAILABLE,
      "Your request couldn't be posted to the review channel (missing access?). Nothing was sent; tell a manager.",
    );
  }
}

export const requestSentText = (channelId: string): string =>
  `📨 Your request was sent to the managers in <#${channelId}>. Nothing changes until one of them approves it; you'll get a DM with the answer.`;

export const NO_REVIEW_CHANNEL =
  "Managers haven't chosen a channel for requests yet (`/timesheet channel`). Ask one of them.";
