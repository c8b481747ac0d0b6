/**
 * The gateway's license gate: listens to the sidecar's verdicts (tk.v1.license.status), asks for one at
 * start and whenever they stop coming, keeps the last valid one across restarts (Redis, through storage),
 * and tells the gateway when serving Discord becomes allowed or refused. One log line per change.
 */
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { LicenseVerdict, decode, subjects, type LicenseUsage } from '@timekeeper/contracts';
import { ForwardClock, type Logger } from '@timekeeper/service-kit';
import type { LicenseVerdictStore } from '@timekeeper/storage/gateway';
import { licenseDecision, type LicenseDecision } from './decision';
import type { DiscordTarget } from './target';

export interface LicenseGateOptions {
  readonly nc: NatsConnection;
  readonly store: LicenseVerdictStore;
  readonly logger: Logger;
  readonly target: DiscordTarget;
  readonly graceMs: number;
  readonly clock?: ForwardClock;
  /** How often the gate re-decides, records the time seen, and asks when verdicts have stopped. */
  readonly tickMs?: number;
  readonly requestTimeoutMs?: number;
}

export const DEFAULT_LICENSE_TICK_MS = 5_000;

export class LicenseGate {
  private verdict: LicenseVerdict | undefined;
  private usage: LicenseUsage = {};
  private decision: LicenseDecision = { allowed: false, line: 'license not checked yet' };
  private logged: string | undefined;
  private readonly listeners: ((decision: LicenseDecision) => void)[] = [];
  private readonly clock: ForwardClock;
  private subscription: Subscription | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: LicenseGateOptions) {
    this.clock = options.clock ?? new ForwardClock();
  }

  get allowed(): boolean {
    return this.decision.allowed;
  }

  get current(): LicenseDecision {
    return this.decision;
  }

  /** Called with every change between allowed and refused. */
  onChange(listener: (decision: LicenseDecision) => void): void {
    this.listeners.push(listener);
  }

  /** For /readyz: fails with the reason while serving Discord is refused. */
  readonly readinessCheck = (): void => {
    if (!this.decision.allowed) throw new Error(this.decision.line);
  };

  setUsage(usage: LicenseUsage): void {
    this.usage = { ...this.usage, ...usage };
    this.decide();
  }

  async start(): Promise<void> {
    const { options } = this;
    if (options.target.kind === 'discord') {
      const stored = await options.store.lastGoodVerdict().catch(() => undefined);
      if (stored !== undefined) this.accept(stored);
      await this.observeTime();
      this.subscription = options.nc.subscribe(subjects.licenseStatus, {
        callback: (error, msg) => {
          if (!error) this.accept(msg.data);
        },
      });
      await this.ask();
      this.timer = setInterval(() => void this.tick(), options.tickMs ?? DEFAULT_LICENSE_TICK_MS);
    }
    this.decide();
  }

  stop(): void {
    clearInterval(this.timer);
    this.subscription?.unsubscribe();
  }

  private async tick(): Promise<void> {
    await this.observeTime();
    const tickMs = this.options.tickMs ?? DEFAULT_LICENSE_TICK_MS;
    if (!this.verdict || this.clock.now() - this.verdict.checkedAt > 2 * tickMs) await this.ask();
    this.decide();
  }

  private async observeTime(): Promise<void> {
    const seen = await this.options.store.observeTime(this.clock.now()).catch(() => 0);
    this.clock.observe(seen);
  }

  private async ask(): Promise<void> {
    try {
      const reply = await this.options.nc.request(subjects.licenseStatusRequest, undefined, {
        timeout: this.options.requestTimeoutMs ?? 1_000,
      });
      this.accept(reply.data);
    } catch {
      // No sidecar answering: the kept verdict and the grace period decide.
    }
  }

  private accept(data: Uint8Array | string): void {
    const decoded = decode(LicenseVerdict, data);
    if (!decoded.ok) {
      this.options.logger.warn({ detail: decoded.error.message }, 'ignored a malformed license verdict');
      return;
    }
    if (!this.verdict || decoded.value.checkedAt >= this.verdict.checkedAt || !decoded.value.valid) {
      this.verdict = decoded.value;
    }
    this.decide();
  }

  private decide(): void {
    const previous = this.decision;
    this.decision = licenseDecision({
      target: this.options.target,
      verdict: this.verdict,
      now: this.clock.now(),
      graceMs: this.options.graceMs,
      usage: this.usage,
    });
    // One line per change (numbers such as an age in seconds do not count as a change).
    const key = `${this.decision.allowed}:${this.decision.line.replace(/\d+/g, '#')}`;
    if (key !== this.logged) {
      this.logged = key;
      const { logger } = this.options;
      if (this.decision.allowed && this.options.target.kind === 'emulator') logger.warn(this.decision.line);
      else if (this.decision.allowed) logger.info(this.decision.line);
      else logger.error(this.decision.line);
    }
    if (previous.allowed !== this.decision.allowed) {
      for (const listener of this.listeners) listener(this.decision);
    }
  }
}
