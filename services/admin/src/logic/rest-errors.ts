/** What a failed Discord REST call means for the activity log. Pure. */
import { DiscordAPIError, HTTPError, RateLimitError } from '@discordjs/rest';

export type PostFailure =
  | { readonly kind: 'permanent'; readonly reason: string; readonly userMessage: string }
  | { readonly kind: 'transient'; readonly reason: string };

/** Discord error codes that retrying will not fix. */
const PERMANENT_CODES: Readonly<Record<number, string>> = {
  10003: "that channel doesn't exist any more",
  50001: "Timekeeper can't see that channel (missing access)",
  50013:
    'Timekeeper is missing permission to post there (it needs View Channel, Send Messages and Embed Links)',
  50008: "that channel isn't a text channel Timekeeper can post in",
  50035: 'Discord refused the message as invalid',
};

export function classifyPostError(error: unknown): PostFailure {
  if (error instanceof DiscordAPIError) {
    const known = typeof error.code === 'number' ? PERMANENT_CODES[error.code] : undefined;
    if (known) return { kind: 'permanent', reason: `${error.status} ${error.code}`, userMessage: known };
    if (error.status === 403 || error.status === 404) {
      return {
        kind: 'permanent',
        reason: `${error.status} ${error.code}`,
        userMessage: "Timekeeper can't post in that channel",
      };
    }
    return { kind: 'transient', reason: `${error.status} ${error.code}` };
  }
  if (error instanceof HTTPError) return { kind: 'transient', reason: `HTTP ${error.status}` };
  if (error instanceof RateLimitError) return { kind: 'transient', reason: 'rate limited' };
  const name = error instanceof Error ? error.name : 'unknown';
  return { kind: 'transient', reason: `${name}: ${error instanceof Error ? error.message : String(error)}` };
}

/** Back-off before a transient failure is retried: 2 s, 4 s, … capped at 5 minutes. */
export function retryDelayMs(deliveryCount: number): number {
  return Math.min(5 * 60_000, 1_000 * 2 ** Math.max(1, Math.min(deliveryCount, 20)));
}
