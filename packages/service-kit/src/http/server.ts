import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { evaluateReadiness, type ReadinessCheck } from './readiness';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';
export type RouteHandler = (request: IncomingMessage, response: ServerResponse) => void | Promise<void>;

export class DuplicateRouteError extends Error {
  override readonly name = 'DuplicateRouteError';
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

const BUILT_IN_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/** Health, readiness and metrics over node:http, plus routes the service adds. */
export class ServiceHttpServer {
  private readonly server: Server;
  private readonly routes = new Map<string, RouteHandler>();
  readonly readinessChecks = new Map<string, ReadinessCheck>();

  constructor(
    private readonly registry: Registry,
    private readonly logger: Logger,
  ) {
    this.server = createServer((request, response) => void this.dispatch(request, response));
  }

  addRoute(method: HttpMethod, path: string, handler: RouteHandler): void {
    const key = `${method} ${path}`;
    if (BUILT_IN_PATHS.has(path) || this.routes.has(key)) {
      throw new DuplicateRouteError(`route ${key} is already served`);
    }
    this.routes.set(key, handler);
  }

  addReadinessCheck(name: string, check: ReadinessCheck): void {
    if (this.readinessChecks.has(name))
      throw new DuplicateRouteError(`readiness check "${name}" already exists`);
    this.readinessChecks.set(name, check);
  }

  async listen(port: number, host?: string): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    return (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    if (!this.server.listening) return;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeIdleConnections();
    await closed;
  }

  private async dispatch(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const method = request.method ?? 'GET';
    try {
      if (method === 'GET' && path === '/healthz') return sendJson(response, 200, { status: 'alive' });
      if (method === 'GET' && path === '/readyz') {
        const report = await evaluateReadiness(this.readinessChecks);
        return sendJson(response, report.ready ? 200 : 503, report);
      }
      if (method === 'GET' && path === '/metrics') {
        const body = await this.registry.metrics();
        response.writeHead(200, { 'content-type': this.registry.contentType });
        response.end(body);
        return;
      }
      const handler = this.routes.get(`${method} ${path}`);
      if (handler) return await handler(request, response);
      const allowed =
        [...this.routes.keys()].some((key) => key.endsWith(` ${path}`)) || BUILT_IN_PATHS.has(path);
      sendJson(response, allowed ? 405 : 404, { error: allowed ? 'method not allowed' : 'not found' });
    } catch (error) {
      this.logger.error({ err: error, method, path }, 'HTTP handler failed');
      if (!response.headersSent) sendJson(response, 500, { error: 'internal error' });
      else response.destroy();
    }
  }
}
