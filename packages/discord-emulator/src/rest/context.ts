import type { GatewayServer } from '../gateway/server';
import type { InteractionResponder } from '../interactions/responder';
import type { MessageService } from '../messages';
import type { EmulatorState } from '../state';
import type { World } from '../world';

/** What REST route modules share. */
export interface RestContext {
  state: EmulatorState;
  world: World;
  messages: MessageService;
  responder: InteractionResponder;
  gateway: GatewayServer;
  applicationId: string;
  gatewayUrl(): string;
  recommendedShards: number;
  sessionStartLimit(): { total: number; remaining: number; reset_after: number; max_concurrency: number };
}

/** The JSON body as an object (Discord ignores a non-object body's fields). */
export function bodyObject(body: unknown): Record<string, unknown> {
  return typeof body === 'object' && body !== null && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : {};
}
