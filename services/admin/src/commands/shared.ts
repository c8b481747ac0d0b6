import type { APIInteractionResponse } from 'discord-api-types/v10';
import { respond, InteractionError, type CommandScope, type ComponentScope } from '@timekeeper/service-kit';
import type { WriteContext } from '@timekeeper/storage';
import type { AdminDeps } from '../deps';
import type { Refusal } from '../logic/rejections';
import { JOURNALED_NOTE, type Committed } from '../flows/writes';

export type CommandHandler = (scope: CommandScope) => Promise<APIInteractionResponse>;
export type ComponentHandler = (scope: ComponentScope) => Promise<APIInteractionResponse>;

/** The interaction id is the write's event id, so a retried interaction never writes twice. */
export function writeContext(deps: AdminDeps, scope: CommandScope | ComponentScope): WriteContext {
  return { eventId: scope.interaction.id, now: deps.clock.now(), actor: scope.userId };
}

export function refuse(refusal: Refusal): InteractionError {
  return new InteractionError(refusal.code, refusal.message);
}

/** The ephemeral confirmation of a change: `done` once applied, or "saved, appears shortly" if journaled. */
export function confirm(committed: Committed<unknown>, done: string): APIInteractionResponse {
  return respond.ephemeral(committed.status === 'applied' ? done : `${JOURNALED_NOTE}\n${done}`);
}
