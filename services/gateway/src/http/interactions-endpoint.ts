/**
 * POST /interactions: Discord's HTTP delivery. The Ed25519 signature is checked over the raw bytes before
 * anything parses them; PING gets PONG; every other interaction goes through the dispatcher and its first
 * answer is this request's response body.
 */
import type { IncomingMessage } from 'node:http';
import type { KeyObject } from 'node:crypto';
import { sendJson, type RouteHandler } from '@timekeeper/service-kit';
import { InteractionResponseType, InteractionType, type APIInteraction } from 'discord-api-types/v10';
import type { Logger } from 'pino';
import type { InteractionDispatcher } from '../router/dispatcher';
import { checkSignature } from './signature';

/** Discord's payloads are small; anything far larger is not from Discord. */
export const MAX_INTERACTION_BODY_BYTES = 1024 * 1024;

export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
}

export interface InteractionsEndpointOptions {
  readonly publicKey: KeyObject;
  readonly dispatcher: InteractionDispatcher;
  readonly logger: Logger;
  readonly now?: () => number;
  /** False while the license gate refuses to serve Discord: every request then gets 503. */
  readonly licensed?: () => boolean;
}

export function interactionsEndpoint(options: InteractionsEndpointOptions): RouteHandler {
  const { logger, dispatcher } = options;
  return async (request, response) => {
    const receivedAt = Date.now();
    const receivedAtNs = process.hrtime.bigint();
    let body: Buffer;
    try {
      body = await readBody(request, MAX_INTERACTION_BODY_BYTES);
    } catch (error) {
      if (error instanceof BodyTooLargeError) return sendJson(response, 413, { error: 'body too large' });
      throw error;
    }
    const check = checkSignature(
      {
        signature: header(request, 'x-signature-ed25519'),
        timestamp: header(request, 'x-signature-timestamp'),
        body,
      },
      options.publicKey,
      (options.now?.() ?? Date.now()) / 1000,
    );
    if (!check.ok) {
      logger.warn({ reason: check.reason }, 'refused an unsigned or badly signed interaction');
      return sendJson(response, 401, { error: 'invalid request signature' });
    }
    if (options.licensed?.() === false) {
      return sendJson(response, 503, { error: 'not licensed: see the gateway log and /readyz' });
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      return sendJson(response, 400, { error: 'body is not JSON' });
    }
    const problem = interactionProblem(parsed);
    if (problem) return sendJson(response, 400, { error: 'not an interaction', detail: problem });
    const interaction = parsed as APIInteraction;
    if (interaction.type === InteractionType.Ping) {
      return sendJson(response, 200, { type: InteractionResponseType.Pong });
    }
    await dispatcher.dispatch(
      { interaction, shardId: null, mode: 'http', receivedAt, receivedAtNs },
      async (answer) => sendJson(response, 200, answer),
    );
    // Every path of the dispatcher answers; this only guards against a bug leaving Discord hanging.
    if (!response.headersSent) sendJson(response, 500, { error: 'no answer' });
  };
}

const SNOWFLAKE = /^\d{1,20}$/;

/**
 * What makes a valid JSON body not an interaction the dispatcher can take (null, a number, an array, a
 * string, or an object without its identity), or undefined. Deeper fields are the services' to check.
 */
export function interactionProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return 'the body is not a JSON object';
  const record = value as Record<string, unknown>;
  if (!Number.isSafeInteger(record.type) || (record.type as number) < 1)
    return 'type is not an interaction type';
  if (record.type === InteractionType.Ping) return undefined;
  if (typeof record.id !== 'string' || !SNOWFLAKE.test(record.id)) return 'id is not a snowflake';
  if (typeof record.application_id !== 'string' || !SNOWFLAKE.test(record.application_id)) {
    return 'application_id is not a snowflake';
  }
  if (typeof record.token !== 'string' || record.token === '') return 'token is not a string';
  return undefined;
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.removeAllListeners('data');
        request.resume();
        reject(new BodyTooLargeError(`body larger than ${limit} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}
