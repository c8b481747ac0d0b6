/**
 * The path of one interaction: answer it ourselves when no service should be bothered (DM, unknown
 * command, rate limit), otherwise ask the owning service over NATS and deliver its answer, deferring in
 * time when it is slow and finishing with an edit when the late answer comes. Every interaction gets a
 * first answer.
 */
import { randomBytes } from 'node:crypto';
import { ERROR_MESSAGES, ErrorCode, routeInteraction } from '@timekeeper/contracts';
import {
  InteractionResponseType,
  InteractionType,
  type APIInteraction,
  type APIInteractionResponse,
} from 'discord-api-types/v10';
import type { Logger } from 'pino';
import type { GatewayMetrics, InteractionOutcome } from '../metrics';
import {
  deferralFor,
  ephemeralNotice,
  slowDownMessage,
  unavailable,
  withReference,
  errorNotice,
} from './fallback';
import { lateActionForResponse, lateNotice, type LateAction } from './late-answer';
import { responseProblems } from './response-limits';
import type { RequestMux } from './request-mux';
import { requestService, type ServiceAnswer } from './service-request';

/** Discord wants the first answer within 3 s; past this the gateway defers instead of waiting more. */
export const DEFAULT_DEFER_AFTER_MS = 2_200;
/** How long a deferred interaction waits for the service's late answer (the token lives 15 min). */
export const DEFAULT_LATE_ANSWER_TIMEOUT_MS = 5 * 60 * 1000;

export interface InboundInteraction {
  readonly interaction: APIInteraction;
  readonly shardId: number | null;
  readonly mode: 'ws' | 'http';
  /** Epoch ms of receipt. */
  readonly receivedAt: number;
  /** process.hrtime.bigint() at receipt, for the latency histogram. */
  readonly receivedAtNs: bigint;
}

/** Sends the initial response (callback in WS mode, HTTP response body in HTTP mode). */
export type FirstAnswer = (response: APIInteractionResponse) => Promise<void>;

/** Edits and follow-ups after the initial response, over the webhook endpoints. */
export interface LateDelivery {
  send(interaction: APIInteraction, action: Exclude<LateAction, { kind: 'none' }>): Promise<void>;
}

export type RateLimitCheck = (
  interaction: APIInteraction,
) => Promise<{ allowed: true } | { allowed: false; scope: 'user' | 'guild'; retryAfterMs: number }>;

export interface DispatcherOptions {
  /** Requests to the services, over the gateway's own NATS connection. */
  readonly requests: RequestMux;
  readonly logger: Logger;
  readonly metrics: GatewayMetrics;
  readonly late: LateDelivery;
  readonly rateLimit?: RateLimitCheck | undefined;
  /** Called once the first answer was delivered (e.g. to remember it across a RESUME). */
  readonly onAnswered?: (inbound: InboundInteraction) => void;
  readonly deferAfterMs?: number;
  readonly lateAnswerTimeoutMs?: number;
}

/** Discord refused the payload itself (a 4xx other than expiry / double answer): retrying it is pointless. */
export function isRejectedPayload(error: unknown): boolean {
  const status = (error as { status?: unknown }).status;
  const code = (error as { code?: unknown }).code;
  return status === 400 && code !== 40060;
}

export class InteractionDispatcher {
  private readonly deferAfterMs: number;
  private readonly lateAnswerTimeoutMs: number;
  private readonly pending = new Set<Promise<unknown>>();
  private readonly stopLate = new AbortController();

  constructor(private readonly options: DispatcherOptions) {
    this.deferAfterMs = options.deferAfterMs ?? DEFAULT_DEFER_AFTER_MS;
    this.lateAnswerTimeoutMs = options.lateAnswerTimeoutMs ?? DEFAULT_LATE_ANSWER_TIMEOUT_MS;
  }

  /** Interactions not finished yet (first answers and deferred ones waiting for their late answer). */
  get inFlight(): number {
    return this.pending.size;
  }

  /** Resolves once the first answer is delivered (or could not be); late work goes on in the background. */
  async dispatch(inbound: InboundInteraction, first: FirstAnswer): Promise<InteractionOutcome> {
    const route = routeInteraction(inbound.interaction);
    const command = route.ok ? route.key : 'unknown';
    const work = this.run(inbound, route, first).catch((error: unknown) => {
      this.options.logger.error({ err: error, interactionId: inbound.interaction.id }, 'interaction failed');
      return 'failed' as const;
    });
    this.track(work);
    const outcome = await work;
    this.options.metrics.interactions.inc({ command, outcome });
    return outcome;
  }

  /**
   * Shutdown: waits up to `graceMs` for late answers, then tells the users still waiting to try again,
   * so no deferred interaction is left "thinking" when the process goes away.
   */
  async drain(graceMs: number): Promise<void> {
    const timer = setTimeout(() => this.stopLate.abort(), graceMs);
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
    clearTimeout(timer);
  }

  private track(work: Promise<unknown>): void {
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
  }

  private async run(
    inbound: InboundInteraction,
    route: ReturnType<typeof routeInteraction>,
    first: FirstAnswer,
  ): Promise<InteractionOutcome> {
    const { interaction } = inbound;
    const log = this.options.logger;
    const send = (response: APIInteractionResponse): Promise<void> =>
      this.deliverFirst(inbound, first, response);

    // Commands only work in a server. Buttons and modals in DMs (reminders, "Still working?") carry
    // their server in the signed custom_id, so they are routed like any other component.
    if (!interaction.guild_id && !isComponentOrModal(interaction)) {
      await send(ephemeralNotice(interaction, ERROR_MESSAGES[ErrorCode.NOT_IN_GUILD]));
      return 'dm';
    }
    if (!route.ok) {
      log.info({ interactionId: interaction.id, reason: route.error.reason }, route.error.message);
      await send(ephemeralNotice(interaction, ERROR_MESSAGES[route.error.code]));
      return 'unknown';
    }
    const limited = await this.checkRateLimit(interaction);
    if (limited) {
      this.options.metrics.rateLimited.inc({ scope: limited.scope });
      await send(ephemeralNotice(interaction, slowDownMessage(limited.retryAfterMs)));
      return 'rate_limited';
    }

    const answer = requestService(this.options.requests, {
      service: route.service,
      request: {
        v: 1,
        interaction,
        shardId: inbound.shardId,
        receivedAt: inbound.receivedAt,
        deadline: inbound.receivedAt + this.deferAfterMs,
        mode: inbound.mode,
      },
      timeoutMs: this.lateAnswerTimeoutMs,
    });
    const deferAt = Math.max(0, inbound.receivedAt + this.deferAfterMs - Date.now());
    const early = await new Promise<ServiceAnswer | 'defer'>((resolve) => {
      const timer = setTimeout(resolve, deferAt, 'defer');
      // requestService never rejects.
      void answer.then((settled) => {
        clearTimeout(timer);
        resolve(settled);
      });
    });
    if (early !== 'defer') return this.answerNow(inbound, early, send);

    this.options.metrics.fallbacks.inc({ reason: 'timeout' });
    const deferral = deferralFor(interaction);
    await send(deferral);
    if (interaction.type !== InteractionType.ApplicationCommandAutocomplete) {
      this.track(this.finishLate(inbound, deferral.type, answer));
    }
    return 'deferred';
  }

  private async answerNow(
    inbound: InboundInteraction,
    answer: ServiceAnswer,
    send: (response: APIInteractionResponse) => Promise<void>,
  ): Promise<InteractionOutcome> {
    const { interaction } = inbound;
    if (answer.kind !== 'reply') {
      const reason = answer.kind === 'no_responder' ? 'no_responder' : 'error';
      this.options.metrics.fallbacks.inc({ reason });
      if (answer.kind === 'failed') {
        this.options.logger.error(
          { interactionId: interaction.id, problem: answer.problem },
          'service request failed',
        );
      }
      await send(unavailable(interaction));
      return 'unavailable';
    }
    const { reply } = answer;
    if (reply.kind === 'error') {
      this.options.metrics.fallbacks.inc({ reason: 'error' });
      await send(ephemeralNotice(interaction, errorNotice(reply.error)));
      return 'service_error';
    }
    const { response } = reply;
    const invalid = (problems: readonly string[]): APIInteractionResponse =>
      ephemeralNotice(interaction, this.invalidResponse(inbound, response.type, problems));
    const problems = responseProblems(interaction.type, response);
    if (problems.length > 0) {
      await send(invalid(problems));
      return 'invalid_response';
    }
    try {
      await send(response);
      return 'answered';
    } catch (error) {
      if (!isRejectedPayload(error)) throw error;
      await send(invalid([(error as Error).message]));
      return 'invalid_response';
    }
  }

  /** Logs a service answer Discord would refuse; returns the error message (with a reference) to show instead. */
  private invalidResponse(
    inbound: InboundInteraction,
    responseType: number,
    problems: readonly string[],
  ): string {
    const referenceId = randomBytes(4).toString('hex');
    this.options.logger.error(
      { referenceId, interactionId: inbound.interaction.id, responseType, problems },
      'service answer breaks Discord limits; showing an error instead',
    );
    this.options.metrics.fallbacks.inc({ reason: 'error' });
    return withReference(ERROR_MESSAGES[ErrorCode.INTERNAL], referenceId);
  }

  private async deliverFirst(
    inbound: InboundInteraction,
    first: FirstAnswer,
    response: APIInteractionResponse,
  ): Promise<void> {
    await first(response);
    this.options.metrics.latency.observe(Number(process.hrtime.bigint() - inbound.receivedAtNs) / 1e9);
    this.options.onAnswered?.(inbound);
  }

  private async finishLate(
    inbound: InboundInteraction,
    deferral: InteractionResponseType,
    answer: Promise<ServiceAnswer>,
  ): Promise<void> {
    const { interaction } = inbound;
    const log = this.options.logger.child({ interactionId: interaction.id });
    const stopped = new Promise<'stopped'>((resolve) => {
      if (this.stopLate.signal.aborted) resolve('stopped');
      this.stopLate.signal.addEventListener('abort', () => resolve('stopped'), { once: true });
    });
    const late = await Promise.race([answer, stopped]);
    let action: LateAction;
    let responseType = 0;
    if (late === 'stopped' || late.kind !== 'reply') {
      if (late !== 'stopped' && late.kind === 'failed')
        log.error({ problem: late.problem }, 'late answer failed');
      action = lateNotice(deferral, ERROR_MESSAGES[ErrorCode.UNAVAILABLE]);
    } else if (late.reply.kind === 'error') {
      action = lateNotice(deferral, errorNotice(late.reply.error));
    } else {
      const { response } = late.reply;
      responseType = response.type;
      const problems = lateProblems(interaction.type, response);
      action =
        problems.length > 0
          ? lateNotice(deferral, this.invalidResponse(inbound, responseType, problems))
          : lateActionForResponse(deferral, response);
    }
    if (action.kind === 'none') return void log.debug({ why: action.why }, 'nothing to deliver late');
    try {
      await this.options.late.send(interaction, action);
    } catch (error) {
      if (!isRejectedPayload(error))
        return void log.warn({ err: error }, 'could not deliver the late answer');
      const notice = lateNotice(
        deferral,
        this.invalidResponse(inbound, responseType, [(error as Error).message]),
      );
      await this.options.late
        .send(interaction, notice)
        .catch((again: unknown) => log.warn({ err: again }, 'could not deliver the error message either'));
    }
  }

  private async checkRateLimit(
    interaction: APIInteraction,
  ): Promise<{ scope: 'user' | 'guild'; retryAfterMs: number } | null> {
    if (!this.options.rateLimit) return null;
    try {
      const decision = await this.options.rateLimit(interaction);
      return decision.allowed ? null : decision;
    } catch (error) {
      // Redis trouble must not take interactions down with it: let the interaction through.
      this.options.logger.warn({ err: error }, 'rate limit check failed; allowing the interaction');
      return null;
    }
  }
}

/** Late answers become edits / follow-ups of a message: check them as the message they become. */
function lateProblems(interactionType: number, response: APIInteractionResponse): string[] {
  if (response.type === InteractionResponseType.Modal) return [];
  return responseProblems(interactionType, response);
}

function isComponentOrModal(interaction: APIInteraction): boolean {
  return (
    interaction.type === InteractionType.MessageComponent || interaction.type === InteractionType.ModalSubmit
  );
}
