/**
 * The verdict on a license that read and verified: dates (against a clock that never goes back past a
 * time already seen), this machine, and limits. Pure.
 */
import { licenseLimitProblem, type LicenseUsage, type LicenseVerdict } from '@timekeeper/contracts';
import type { LicensePayload } from './license-file';
import type { MachineIdentity } from './machine-id';

export interface EvaluateInputs {
  readonly machine: MachineIdentity;
  /** max(now, the latest time this installation has seen): moving the clock back gains nothing. */
  readonly now: number;
  readonly usage?: LicenseUsage;
}

const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export function summaryOf(payload: LicensePayload): NonNullable<LicenseVerdict['license']> {
  const { v: _v, machineIds: _machines, ...summary } = payload;
  return summary;
}

export function evaluateLicense(payload: LicensePayload, inputs: EvaluateInputs): LicenseVerdict {
  const { machine, now } = inputs;
  const machineMatch = machine.ok ? payload.machineIds.includes(machine.id) : null;
  const base = { v: 1 as const, checkedAt: now, machineMatch, license: summaryOf(payload) };
  const refuse = (reason: LicenseVerdict['reason'], message: string): LicenseVerdict => ({
    ...base,
    valid: false,
    reason,
    message,
  });
  if (now < payload.notBefore) {
    return refuse('not-yet-valid', `license ${payload.licenseId} is valid from ${day(payload.notBefore)}`);
  }
  if (now >= payload.expiresAt) {
    return refuse(
      'expired',
      `license ${payload.licenseId} expired on ${day(payload.expiresAt)}; ask for a renewal`,
    );
  }
  if (!machine.ok) return refuse('no-machine-id', machine.message);
  if (!machineMatch) {
    return refuse(
      'wrong-machine',
      `license ${payload.licenseId} is not issued for this machine (run \`pnpm license machine-id\` and ask for a license for that id)`,
    );
  }
  const over = licenseLimitProblem(payload.limits, inputs.usage ?? {});
  if (over) return refuse('limits-exceeded', `license ${payload.licenseId}: ${over}`);
  return {
    ...base,
    valid: true,
    reason: 'valid',
    message: `licensed to ${payload.licensee} until ${day(payload.expiresAt)}`,
  };
}
