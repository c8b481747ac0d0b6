import type { IncomingHttpHeaders } from 'node:http';

/** A file part of a multipart body (`files[n]` or any other file field). */
export interface UploadedFile {
  field: string;
  /** `n` of `files[n]`, which `attachments[].id` refers to; null for other field names. */
  index: number | null;
  filename: string;
  contentType: string;
  bytes: Buffer;
}

export interface RouteRequest {
  method: string;
  /** Decoded path below the mount point (e.g. `/channels/1/messages` under `/api/v10`). */
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** JSON body, or `payload_json` of a multipart body; undefined when there is none. */
  body: unknown;
  files: UploadedFile[];
}

export interface RouteResponse {
  status: number;
  body?: unknown;
  contentType?: string;
  headers?: Record<string, string>;
}

export type RouteHandler = (request: RouteRequest) => RouteResponse | Promise<RouteResponse>;

export interface RouteDefinition {
  method: string;
  /** e.g. `/channels/:channelId/messages/:messageId` */
  pattern: string;
  /** Whether `Authorization: Bot <token>` is required. */
  auth: boolean;
  handler: RouteHandler;
}

export interface RouteMatch {
  route: RouteDefinition;
  params: Record<string, string>;
}

interface CompiledRoute {
  route: RouteDefinition;
  regex: RegExp;
  names: string[];
}

/** A small method + path-pattern router; patterns use `:name` segments. */
export class Router {
  private readonly routes: CompiledRoute[] = [];

  public add(method: string, pattern: string, handler: RouteHandler, options: { auth?: boolean } = {}): this {
    const names: string[] = [];
    const source = pattern
      .split('/')
      .map((segment) => {
        if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\@]/g, '\\$&');
        names.push(segment.slice(1));
        return '([^/]+)';
      })
      .join('/');
    this.routes.push({
      route: { method, pattern, auth: options.auth ?? true, handler },
      regex: new RegExp(`^${source}/?$`),
      names,
    });
    return this;
  }

  /** The route for a method and path; `methodMismatch` when the path exists under another method. */
  public match(method: string, path: string): RouteMatch | { methodMismatch: boolean } {
    let methodMismatch = false;
    for (const compiled of this.routes) {
      const found = compiled.regex.exec(path);
      if (!found) continue;
      if (compiled.route.method !== method) {
        methodMismatch = true;
        continue;
      }
      const params: Record<string, string> = {};
      compiled.names.forEach((name, i) => {
        params[name] = found[i + 1] ?? '';
      });
      return { route: compiled.route, params };
    }
    return { methodMismatch };
  }
}
