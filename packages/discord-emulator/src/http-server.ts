import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseBody } from './body';
import { DiscordApiError, EmulatorControlError } from './errors';
import type { FaultInjector, RateLimiter } from './ratelimit';
import { rateLimitHeaders, type ActiveFault } from './ratelimit';
import type { RouteRequest, RouteResponse, Router } from './router';
import type { EmulatorState } from './state';

/** Discord's per-request cap (25 MiB) plus room for the multipart framing. */
const MAX_BODY_BYTES = 26 * 1024 * 1024;
const API_PREFIX = /^\/api(?:\/v(\d+))?(\/.*)$/;

export interface HttpHandlerDeps {
  rest: Router;
  control: Router;
  state: EmulatorState;
  botToken: string;
  faults: FaultInjector;
  rateLimiter: RateLimiter;
  attachment(channelId: string, attachmentId: string): { bytes: Buffer; contentType: string } | undefined;
}

/** One request → REST (`/api/v10`), control (`/__control`) or attachment download. */
export function createRequestHandler(
  deps: HttpHandlerDeps,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    void handle(deps, req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, { status: 500, body: { message: String(error), code: 0 } });
    });
  };
}

async function handle(deps: HttpHandlerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://emulator');
  const method = (req.method ?? 'GET').toUpperCase();
  if (url.pathname.startsWith('/__control/')) {
    await handleControl(deps, req, res, method, url);
    return;
  }
  const attachment = /^\/attachments\/(\d+)\/(\d+)\/[^/]+$/.exec(url.pathname);
  if (attachment && method === 'GET') {
    const file = deps.attachment(attachment[1] ?? '', attachment[2] ?? '');
    if (!file) return send(res, { status: 404, body: { message: '404: Not Found', code: 0 } });
    res.writeHead(200, { 'content-type': file.contentType, 'content-length': file.bytes.length });
    res.end(file.bytes);
    return;
  }
  const api = API_PREFIX.exec(url.pathname);
  if (!api) return send(res, { status: 404, body: { message: '404: Not Found', code: 0 } });
  // Routes.user('@me') arrives as /users/%40me: match on decoded segments.
  const path = (api[2] ?? '/').split('/').map(safeDecode).join('/');
  const response = await handleRest(deps, req, method, path, url.searchParams);
  deps.state.logRequest({ method, path, status: response.status, at: Date.now() });
  send(res, response);
}

async function handleRest(
  deps: HttpHandlerDeps,
  req: IncomingMessage,
  method: string,
  path: string,
  query: URLSearchParams,
): Promise<RouteResponse> {
  const fault = deps.faults.take(method, path);
  if (fault) {
    await readBody(req);
    return faultResponse(fault);
  }
  const match = deps.rest.match(method, path);
  if (!('route' in match)) {
    await readBody(req);
    return errorResponse(
      match.methodMismatch ? DiscordApiError.methodNotAllowed() : DiscordApiError.notFound(),
    );
  }
  const { route, params } = match;
  const bucket = deps.rateLimiter.take(method, route.pattern, majorParameter(params));
  const headers = rateLimitHeaders(bucket);
  try {
    const raw = await readBody(req);
    // Only a wrong or missing bot token gets 401: the REST client drops its token on any 401.
    if (route.auth && req.headers.authorization !== `Bot ${deps.botToken}`)
      throw DiscordApiError.unauthorized();
    if (bucket.exceeded) {
      const retryAfter = Number(headers['X-RateLimit-Reset-After']);
      return {
        status: 429,
        body: { message: 'You are being rate limited.', retry_after: retryAfter, global: false },
        headers: { ...headers, 'Retry-After': String(retryAfter), 'X-RateLimit-Scope': 'user' },
      };
    }
    const parsed = await parseBody(raw, req.headers['content-type']);
    const request: RouteRequest = {
      method,
      path,
      params,
      query,
      headers: req.headers,
      body: parsed.body,
      files: parsed.files,
    };
    const response = await route.handler(request);
    return { ...response, headers: { ...headers, ...response.headers } };
  } catch (error) {
    if (error instanceof DiscordApiError) return { ...errorResponse(error), headers };
    throw error;
  }
}

async function handleControl(
  deps: HttpHandlerDeps,
  req: IncomingMessage,
  res: ServerResponse,
  method: string,
  url: URL,
): Promise<void> {
  const path = url.pathname.slice('/__control'.length).split('/').map(safeDecode).join('/');
  const match = deps.control.match(method, path);
  try {
    const raw = await readBody(req);
    if (!('route' in match))
      throw new EmulatorControlError(match.methodMismatch ? 405 : 404, `No control route ${method} ${path}`);
    const parsed = raw.length > 0 ? (JSON.parse(raw.toString('utf8')) as unknown) : undefined;
    const request: RouteRequest = {
      method,
      path,
      params: match.params,
      query: url.searchParams,
      headers: req.headers,
      body: parsed,
      files: [],
    };
    send(res, await match.route.handler(request));
  } catch (error) {
    if (error instanceof EmulatorControlError)
      send(res, { status: error.status, body: { error: error.message } });
    else if (error instanceof DiscordApiError) send(res, errorResponse(error));
    else if (error instanceof SyntaxError)
      send(res, { status: 400, body: { error: `Invalid JSON: ${error.message}` } });
    else throw error;
  }
}

/** The id Discord keys a route's bucket on: channel, guild, or webhook id + token. */
function majorParameter(params: Record<string, string>): string {
  if (params.channelId) return params.channelId;
  if (params.guildId) return params.guildId;
  if (params.token && params.applicationId) return `${params.applicationId}/${params.token}`;
  return 'global';
}

function faultResponse(fault: ActiveFault): RouteResponse {
  if (fault.kind === 'server-error') {
    return { status: fault.status, body: { message: `${fault.status}: Emulated server error`, code: 0 } };
  }
  const seconds = fault.retryAfterMs / 1000;
  const headers: Record<string, string> = {
    'Retry-After': String(seconds),
    'X-RateLimit-Scope': fault.scope,
  };
  if (fault.global) headers['X-RateLimit-Global'] = 'true';
  else {
    headers['X-RateLimit-Limit'] = '1';
    headers['X-RateLimit-Remaining'] = '0';
    headers['X-RateLimit-Reset-After'] = seconds.toFixed(3);
    headers['X-RateLimit-Reset'] = ((Date.now() + fault.retryAfterMs) / 1000).toFixed(3);
  }
  return {
    status: 429,
    body: {
      message: 'You are being rate limited.',
      retry_after: seconds,
      global: fault.global,
      ...(fault.global ? { code: 0 } : {}),
    },
    headers,
  };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function errorResponse(error: DiscordApiError): RouteResponse {
  return { status: error.status, body: error.toBody() };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new DiscordApiError(413, 40005, 'Request entity too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, response: RouteResponse): void {
  const headers: Record<string, string> = { ...response.headers };
  if (response.status === 204 || response.body === undefined) {
    res.writeHead(response.status, headers);
    res.end();
    return;
  }
  const payload = Buffer.from(JSON.stringify(response.body));
  headers['Content-Type'] = response.contentType ?? 'application/json';
  headers['Content-Length'] = String(payload.length);
  res.writeHead(response.status, headers);
  res.end(payload);
}
