/**
 * May the gateway serve Discord right now? From the target, the latest license verdict and its age.
 * Pure; `LicenseGate` feeds it and acts on the answer.
 */
import { licenseLimitProblem, type LicenseUsage, type LicenseVerdict } from '@timekeeper/contracts';
import type { DiscordTarget } from './target';

export interface LicenseDecisionInputs {
  readonly target: DiscordTarget;
  /** The latest verdict heard (live or kept from before a restart), if any. */
  readonly verdict: LicenseVerdict | undefined;
  /** Now, from a clock that never goes back. */
  readonly now: number;
  /** How long a valid verdict still counts while the sidecar is silent. */
  readonly graceMs: number;
  readonly usage: LicenseUsage;
}

export interface LicenseDecision {
  readonly allowed: boolean;
  /** One line: why, for the log and /readyz. */
  readonly line: string;
}

const seconds = (ms: number): string => `${Math.round(ms / 1000)} s`;

export function licenseDecision(inputs: LicenseDecisionInputs): LicenseDecision {
  const { target, verdict, now, graceMs } = inputs;
  if (target.kind === 'emulator') {
    return {
      allowed: true,
      line: `no license needed: DISCORD_EMULATOR is set and DISCORD_API_URL is the Discord emulator at ${target.host}`,
    };
  }
  const refuse = (why: string): LicenseDecision => ({
    allowed: false,
    line: `not serving Discord (${target.host}): ${why}`,
  });
  if (!verdict) {
    return refuse('no license verdict yet; is the license sidecar running? (see LICENSE_FILE in the README)');
  }
  if (!verdict.valid) return refuse(`license not valid: ${verdict.message}`);
  const age = now - verdict.checkedAt;
  if (age > graceMs) {
    return refuse(
      `the last valid license verdict is ${seconds(age)} old, past the ${seconds(graceMs)} grace period; the license sidecar is not answering`,
    );
  }
  const over = verdict.license ? licenseLimitProblem(verdict.license.limits, inputs.usage) : undefined;
  if (over) return refuse(`license limit exceeded: ${over}`);
  return { allowed: true, line: `licensed: ${verdict.message}` };
}
