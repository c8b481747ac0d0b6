/**
 * The initial interaction callback over a plain keep-alive HTTP client. It is the one Discord call on
 * every interaction's hot path; it needs no bot token and no rate-limit bookkeeping (callbacks are exempt
 * from the global limit and have no shared bucket), so @discordjs/rest's queueing is skipped here.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { APIInteractionResponse } from 'discord-api-types/v10';

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
  private readonly agent: HttpAgent;
  private readonly request: typeof httpRequest;
  private readonly hostname: string;
  /** undefined: the protocol's default port. */
  private readonly port: number | undefined;
  /** The API base's path, ending in `/`. */
  private readonly basePath: string;
  private readonly timeoutMs: number;

  constructor(options: CallbackClientOptions) {
    // Parsed once: building a URL per callback is measurable at a thousand interactions a second.
    const base = new URL(options.apiUrl.endsWith('/') ? options.apiUrl : `${options.apiUrl}/`);
    const secure = base.protocol === 'https:';
    this.agent = secure ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
    this.request = secure ? httpsRequest : httpRequest;
    this.hostname = base.hostname.startsWith('[') ? base.hostname.slice(1, -1) : base.hostname;
    this.port = base.port ? Number(base.port) : undefined;
    this.basePath = base.pathname;
    this.timeoutMs = options.timeoutMs ?? 5_000;
  }

  /** POST /interactions/:id/:token/callback; resolves on 2xx, rejects with CallbackError otherwise. */
  send(interactionId: string, token: string, response: APIInteractionResponse): Promise<void> {
    const path = `${this.basePath}v10/interactions/${encodeURIComponent(interactionId)}/${encodeURIComponent(token)}/callback`;
    const body = JSON.stringify(response);
    return new Promise((resolve, reject) => {
      const outgoing = this.request(
        {
          hostname: this.hostname,
          port: this.port,
          path,
          method: 'POST',
          agent: this.agent,
          timeout: this.timeoutMs,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (incoming) => settle(incoming, resolve, reject),
      );
      outgoing.on('timeout', () =>
        outgoing.destroy(new Error(`callback timed out after ${this.timeoutMs} ms`)),
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** Resolves once a 2xx answer's body is read; rejects with CallbackError (Discord's code when given) otherwise. */
function settle(incoming: IncomingMessage, resolve: () => void, reject: (error: Error) => void): void {
  const status = incoming.statusCode ?? 0;
  incoming.once('error', reject);
  if (status >= 200 && status < 300) {
    incoming.once('end', resolve);
    incoming.resume();
    return;
  }
  const chunks: Buffer[] = [];
  incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
  incoming.once('end', () => {
    let code: number | undefined;
    let message = `callback answered ${status}`;
    try {
      const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        code?: number;
        message?: string;
      };
      code = parsed.code;
      if (parsed.message) message = `${message}: ${parsed.message} (${code})`;
    } catch {
      // not JSON; the status says enough
    }
    reject(new CallbackError(status, code, message));
  });
}
