import { createHash } from 'node:crypto';

export type RateLimitScope = 'user' | 'global' | 'shared';

/** Which requests a fault applies to. `path` is a glob over the path below `/api/v10`. */
export interface FaultMatch {
  /** HTTP method; any when absent. */
  method?: string;
  /** `*` (or `:name`) matches one segment, `**` the rest, e.g. `/interactions/**`. Any when absent. */
  path?: string;
}

export interface RateLimitFaultSpec extends FaultMatch {
  /** How many matching requests get the 429. */
  count: number;
  retryAfterMs?: number;
  global?: boolean;
  scope?: RateLimitScope;
}

export interface ServerErrorFaultSpec extends FaultMatch {
  count: number;
  /** 500 by default; any 5xx. */
  status?: number;
}

export type ActiveFault =
  | ({ id: number; kind: 'rate-limit'; remaining: number } & Required<
      Omit<RateLimitFaultSpec, keyof FaultMatch>
    > &
      FaultMatch)
  | ({ id: number; kind: 'server-error'; remaining: number; status: number } & FaultMatch);

export function pathMatches(glob: string, path: string): boolean {
  const want = glob.split('/').filter(Boolean);
  const have = path.split('/').filter(Boolean);
  for (let i = 0; i < want.length; i++) {
    const segment = want[i];
    if (segment === '**') return true;
    if (i >= have.length) return false;
    if (segment === '*' || segment?.startsWith(':')) continue;
    if (segment !== have[i]) return false;
  }
  return want.length === have.length;
}

/** Queued fault switches: each applies to the next `count` matching requests, then expires. */
export class FaultInjector {
  private faults: ActiveFault[] = [];
  private nextId = 1;

  public addRateLimit(spec: RateLimitFaultSpec): ActiveFault {
    const fault: ActiveFault = {
      ...matchOf(spec),
      id: this.nextId++,
      kind: 'rate-limit',
      count: spec.count,
      remaining: spec.count,
      retryAfterMs: spec.retryAfterMs ?? 1000,
      global: spec.global ?? false,
      scope: spec.scope ?? (spec.global ? 'global' : 'user'),
    };
    this.faults.push(fault);
    return fault;
  }

  public addServerError(spec: ServerErrorFaultSpec): ActiveFault {
    const fault: ActiveFault = {
      ...matchOf(spec),
      id: this.nextId++,
      kind: 'server-error',
      remaining: spec.count,
      status: spec.status ?? 500,
    };
    this.faults.push(fault);
    return fault;
  }

  /** Consumes one use of the first fault matching this request, if any. */
  public take(method: string, path: string): ActiveFault | undefined {
    const fault = this.faults.find(
      (f) => f.remaining > 0 && (!f.method || f.method === method) && (!f.path || pathMatches(f.path, path)),
    );
    if (!fault) return undefined;
    fault.remaining--;
    this.faults = this.faults.filter((f) => f.remaining > 0);
    return fault;
  }

  public list(): ActiveFault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  public clear(): void {
    this.faults = [];
  }
}

function matchOf(spec: FaultMatch): FaultMatch {
  const match: FaultMatch = {};
  if (spec.method !== undefined) match.method = spec.method.toUpperCase();
  if (spec.path !== undefined) match.path = spec.path;
  return match;
}

export interface BucketState {
  limit: number;
  remaining: number;
  resetAt: number;
  bucket: string;
  exceeded: boolean;
}

/**
 * Fixed-window buckets per route and major parameter, like Discord's. Runs on the real clock: the
 * client schedules its waits from `Reset-After` with `Date.now()`.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { used: number; windowStart: number }>();

  public constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  public take(method: string, pattern: string, majorParameter: string, now = Date.now()): BucketState {
    const key = `${method} ${pattern} ${majorParameter}`;
    let bucket = this.buckets.get(key);
    if (!bucket || now - bucket.windowStart >= this.windowMs) {
      bucket = { used: 0, windowStart: now };
      this.buckets.set(key, bucket);
    }
    const exceeded = bucket.used >= this.limit;
    if (!exceeded) bucket.used++;
    return {
      limit: this.limit,
      remaining: Math.max(0, this.limit - bucket.used),
      resetAt: bucket.windowStart + this.windowMs,
      bucket: createHash('md5').update(`${method} ${pattern}`).digest('hex'),
      exceeded,
    };
  }
}

export function rateLimitHeaders(state: BucketState, now = Date.now()): Record<string, string> {
  return {
    'X-RateLimit-Limit': String(state.limit),
    'X-RateLimit-Remaining': String(state.remaining),
    'X-RateLimit-Reset': (state.resetAt / 1000).toFixed(3),
    'X-RateLimit-Reset-After': (Math.max(0, state.resetAt - now) / 1000).toFixed(3),
    'X-RateLimit-Bucket': state.bucket,
  };
}
