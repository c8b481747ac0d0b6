/**
 * Approve / Deny under a member's request in the review channel. The request's state decides: once
 * approved or denied it is gone, so a second press (or a replayed custom_id) changes nothing. Approving
 * applies the correction exactly like a manager's own (checks, audit with the approving manager as the
 * actor and the member's reason, activity log, DM); denying asks a reason and tells the member.
 */
import type { DmSendJob } from '@timekeeper/contracts';
import { respond, type ComponentScope, type ModalScope } from '@timekeeper/service-kit';
import { ComponentType, TextInputStyle, type APIInteractionResponse } from 'discord-api-types/v10';
import { requireManager, requireSameGuild, type TimecardDeps } from '../deps';
import { applyDraft, type Draft } from '../flows/corrections';
import { userMention } from '../logic/format';
import { decidedView, deniedDmEmbeds } from '../views/requests';

const DECIDED = 'This request was already approved or denied (or has expired). Nothing was changed.';
const REASON_FIELD = 'reason';

async function open(deps: TimecardDeps, scope: ComponentScope | ModalScope): Promise<string> {
  const [guildId, requestId] = scope.customId.args;
  requireSameGuild(scope, guildId);
  await requireManager(deps, scope);
  return requestId ?? '';
}

export function requestApproveButton(deps: TimecardDeps) {
  return async (scope: ComponentScope): Promise<APIInteractionResponse> => {
    const requestId = await open(deps, scope);
    const request = await deps.storage.readDraft<Draft>(scope.guildId, requestId);
    if (!request) return respond.ephemeral(DECIDED);
    // The approving manager is the actor; the member's reason is kept.
    const applied = await applyDraft(deps, { ...request, actor: scope.userId }, requestId);
    if (!applied.ok) return respond.ephemeral(`${applied.message} The request stays open; you can deny it.`);
    const line = applied.replayed ? DECIDED : `✅ Approved by ${userMention(scope.userId)}.`;
    return respond.update(decidedView(scope.interaction.message, line, true));
  };
}

export function requestDenyButton(deps: TimecardDeps) {
  return async (scope: ComponentScope): Promise<APIInteractionResponse> => {
    const requestId = await open(deps, scope);
    if (!(await deps.storage.readDraft<Draft>(scope.guildId, requestId))) return respond.ephemeral(DECIDED);
    return respond.modal({
      custom_id: deps.ids.request(scope.guildId, requestId).denyModal,
      title: 'Deny this request',
      components: [
        {
          type: ComponentType.ActionRow,
          components: [
            {
              type: ComponentType.TextInput,
              custom_id: REASON_FIELD,
              label: 'Reason (sent to the member)',
              style: TextInputStyle.Short,
              min_length: 3,
              max_length: 200,
              required: true,
            },
          ],
        } as never,
      ],
    });
  };
}

export function requestDenyModal(deps: TimecardDeps) {
  return async (scope: ModalScope): Promise<APIInteractionResponse> => {
    const requestId = await open(deps, scope);
    const reason = (scope.fields.get(REASON_FIELD) ?? '').trim();
    if (reason.length < 3)
      return respond.ephemeral('Give a reason (at least 3 characters). Nothing was changed.');
    const request = await deps.storage.takeDraft<Draft>(scope.guildId, requestId);
    if (!request) return respond.ephemeral(DECIDED);
    const job: DmSendJob = {
      v: 1,
      kind: 'dm.send',
      jobId: `dm:request-denied:${requestId}`,
      guildId: scope.guildId,
      enqueuedAt: deps.clock.now(),
      userId: request.userId,
      purpose: 'timesheet',
      embeds: deniedDmEmbeds(scope.userId, reason, request.reason) as unknown as Record<string, unknown>[],
    };
    await deps.effects.publishJobs([job]);
    const line = `❌ Denied by ${userMention(scope.userId)}: ${reason}`;
    return scope.interaction.message
      ? respond.update(decidedView(scope.interaction.message, line, false))
      : respond.ephemeral(line);
  };
}
