/**
 * The buttons and the modal the workers put in DMs. Discord attaches no guild to a DM interaction, so
 * each custom_id carries the guild (and the session); the session is only ever acted on while it is
 * still the clicking member's active one.
 */
import { ErrorCode } from '@timekeeper/contracts';
import {
  InteractionError,
  publishEvent,
  respond,
  type DirectMessageScope,
  type InteractionRouter,
} from '@timekeeper/service-kit';
import { contractEvents, type ActiveSession } from '@timekeeper/storage';
import type { APIInteractionResponse } from 'discord-api-types/v10';
import {
  DM_ACTIONS,
  STOPPED_AT_FIELD,
  clockedOutMessage,
  mutedMessage,
  sessionEndedMessage,
  stillWorkingConfirmed,
  stoppedAtModal,
  unmutedMessage,
} from './messages';
import { promptDueAt } from './schedule';
import { categoryName, queueRoleRemovals, settingsOf, type WorkerContext } from './context';
import { parseStoppedAt } from './stopped-at';

export function registerDmInteractions(router: InteractionRouter, ctx: WorkerContext): void {
  router
    .directMessage(DM_ACTIONS.clockOut, (scope) =>
      withSession(ctx, scope, (active) => closeAt(ctx, scope, active, ctx.clock.now())),
    )
    .directMessage(DM_ACTIONS.stoppedAt, (scope) =>
      withSession(ctx, scope, async (active) =>
        respond.modal(stoppedAtModal(ctx.codec, active.guildId, active.id)),
      ),
    )
    .directMessage(DM_ACTIONS.stoppedAtModal, (scope) =>
      withSession(ctx, scope, async (active) => {
        const settings = await settingsOf(ctx, active.guildId);
        const parsed = parseStoppedAt(scope.fields.get(STOPPED_AT_FIELD) ?? '', {
          now: ctx.clock.now(),
          sessionStart: active.start,
          timeZone: settings.timeZone,
        });
        if (!parsed.ok) throw new InteractionError(ErrorCode.INVALID_INPUT, parsed.message);
        return closeAt(ctx, scope, active, parsed.at);
      }),
    )
    .directMessage(DM_ACTIONS.stillWorking, (scope) =>
      withSession(ctx, scope, async (active) => {
        const now = ctx.clock.now();
        const written = await ctx.storage.confirmActivity(
          { guildId: active.guildId, userId: active.userId, sessionId: active.id },
          { eventId: scope.interaction.id, now, actor: scope.userId },
        );
        if (written.status === 'applied' && !written.outcome.ok) return respond.update(sessionEndedMessage());
        const settings = await settingsOf(ctx, active.guildId);
        ctx.count('interactions', 'still-working');
        return respond.update(
          stillWorkingConfirmed(promptDueAt({ ...active, lastActiveAt: now }, settings.maxSessionMs)),
        );
      }),
    )
    .directMessage(DM_ACTIONS.mute, async (scope) => {
      const guildId = guildOf(scope);
      await ctx.storage.setRemindersMuted(guildId, scope.userId, true, ctx.clock.now());
      ctx.count('interactions', 'muted');
      return respond.update(mutedMessage(ctx.codec, guildId));
    })
    .directMessage(DM_ACTIONS.unmute, async (scope) => {
      const guildId = guildOf(scope);
      await ctx.storage.setRemindersMuted(guildId, scope.userId, false, ctx.clock.now());
      ctx.count('interactions', 'unmuted');
      return respond.update(unmutedMessage());
    });
}

function guildOf(scope: DirectMessageScope): string {
  const guildId = scope.customId.args[0];
  if (!guildId) throw new InteractionError(ErrorCode.EXPIRED_COMPONENT);
  return guildId;
}

/** Runs `act` with the member's active session if it is the one the button names. */
async function withSession(
  ctx: WorkerContext,
  scope: DirectMessageScope,
  act: (active: ActiveSession) => Promise<APIInteractionResponse>,
): Promise<APIInteractionResponse> {
  const guildId = guildOf(scope);
  const sessionId = scope.customId.args[1];
  if (!sessionId) throw new InteractionError(ErrorCode.EXPIRED_COMPONENT);
  const active = await ctx.storage.activeSession(guildId, scope.userId);
  if (active?.id !== sessionId) return respond.update(sessionEndedMessage());
  return act(active);
}

/** Clocks the named session out at `end` (the member's word), publishes the event and queues role removal. */
async function closeAt(
  ctx: WorkerContext,
  scope: DirectMessageScope,
  active: ActiveSession,
  end: number,
): Promise<APIInteractionResponse> {
  const written = await ctx.storage.closeSessionAt(
    { guildId: active.guildId, userId: active.userId, sessionId: active.id, end, how: 'member' },
    { eventId: scope.interaction.id, now: ctx.clock.now(), actor: scope.userId },
  );
  const category = await categoryName(ctx, active.guildId, active.category);
  if (written.status === 'journaled') {
    // Accepted and durable; applied (and published) when Redis is back.
    return respond.update(
      clockedOutMessage({ category, start: active.start, end, durationMs: end - active.start }),
    );
  }
  const outcome = written.outcome;
  if (!outcome.ok) {
    if (outcome.code === 'NOT_CLOCKED_IN' || outcome.code === 'SESSION_NOT_ACTIVE') {
      return respond.update(sessionEndedMessage());
    }
    throw new InteractionError(ErrorCode.INVALID_INPUT, outcome.message);
  }
  publishEvent(ctx, contractEvents.clockOut(outcome, 'user'));
  const settings = await settingsOf(ctx, active.guildId);
  await queueRoleRemovals(ctx, outcome.session, settings, 'Clocked out from a Timekeeper DM');
  ctx.count('interactions', scope.fields.size > 0 ? 'stopped-at' : 'clocked-out');
  return respond.update(clockedOutMessage({ ...outcome.session, category }));
}
