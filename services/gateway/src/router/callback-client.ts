/**
 * The initial interaction callback over a plain keep-alive HTTP client (undici's connection pool, which
 * costs a quarter less CPU per request than node:http). It is the one Discord call on every
 * interaction's hot path; it needs no bot token and no rate-limit bookkeeping (callbacks are exempt from
 * the global limit and have no shared bucket), so @discordjs/rest's queueing is skipped here.
 */
import type { APIInteractionResponse } from 'discord-api-types/v10';
import { Pool } from 'undici';

/** Discord refused the callback; `status` and Discord's error `code` say why (e.g. 400 / 50035, 404 / 10062). */
export class CallbackError extends Error {
  override readonly name = 'CallbackError';
  constructor(
    readonly status: number,
    readonly code: number | undefined,
    message: string,
  ) {
    super(message);
  }
}

export interface CallbackClientOptions {
  /** REST base without the version, as DISCORD_API_URL. */
  readonly apiUrl: string;
  readonly timeoutMs?: number;
}

export class CallbackClient {
  private readonly pool: Pool;
  /** The API base's path, ending in `/`. */
  private readonly basePath: string;
  private readonly timeoutMs: number;

  constructor(options: CallbackClientOptions) {
    const base = new URL(options.apiUrl.endsWith('/') ? options.apiUrl : `${options.apiUrl}/`);
    this.pool = new Pool(base.origin);
    this.basePath = base.pathname;
    this.timeoutMs = options.timeoutMs ?? 5_000;
  }

  /** POST /interactions/:id/:token/callback; resolves on 2xx, rejects with CallbackError otherwise. */
  async send(interactionId: string, token: string, response: APIInteractionResponse): Promise<void> {
    const { statusCode, body } = await this.pool.request({
      path: `${this.basePath}v10/interactions/${encodeURIComponent(interactionId)}/${encodeURIComponent(token)}/callback`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(response),
      headersTimeout: this.timeoutMs,
      bodyTimeout: this.timeoutMs,
    });
    if (statusCode >= 200 && statusCode < 300) {
      await body.dump();
      return;
    }
    let code: number | undefined;
    let message = `callback answered ${statusCode}`;
    try {
      const parsed = (await body.json()) as { code?: number; message?: string };
      code = parsed.code;
      if (parsed.message) message = `${message}: ${parsed.message} (${code})`;
    } catch {
      // not JSON; the status says enough
    }
    throw new CallbackError(statusCode, code, message);
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
