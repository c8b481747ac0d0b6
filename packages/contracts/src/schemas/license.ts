/**
 * The license sidecar's verdict, broadcast on `tk.v1.license.status` at start and periodically, and the
 * answer to a request on `tk.v1.license.status.get`. Every service may read it; the gateway enforces it.
 */
import { z } from 'zod';
import { EpochMs } from './common';

/** Why a license is (not) accepted; `valid` is the only one that lets the gateway serve the real Discord. */
export const LICENSE_VERDICT_REASONS = [
  'valid',
  'no-license-file',
  'no-public-key',
  'unreadable',
  'malformed',
  'unknown-key',
  'bad-signature',
  'not-yet-valid',
  'expired',
  'wrong-machine',
  'no-machine-id',
  'limits-exceeded',
] as const;
export type LicenseVerdictReason = (typeof LICENSE_VERDICT_REASONS)[number];

/** What a license allows beyond "this machine": absent means no limit. */
export const LicenseLimits = z.object({
  shards: z.number().int().min(1).optional(),
  servers: z.number().int().min(1).optional(),
});
export type LicenseLimits = z.output<typeof LicenseLimits>;

/** The license fields other services may show (never the machine ids it is bound to). */
export const LicenseSummary = z.object({
  licenseId: z.string().min(1).max(128),
  licensee: z.string().min(1).max(200),
  keyId: z.string().min(1).max(64),
  issuedAt: EpochMs,
  notBefore: EpochMs,
  expiresAt: EpochMs,
  limits: LicenseLimits,
  features: z.array(z.string().min(1).max(64)).max(64),
});
export type LicenseSummary = z.output<typeof LicenseSummary>;

export const LicenseVerdict = z.object({
  v: z.literal(1),
  valid: z.boolean(),
  reason: z.enum(LICENSE_VERDICT_REASONS),
  /** One line for logs, /readyz and /admin system, saying what to do when the verdict is not valid. */
  message: z.string().min(1).max(500),
  /** The sidecar's clock when it decided (never earlier than a time it has already seen). */
  checkedAt: EpochMs,
  /** True when the license names this machine, false when it does not, null when unknown. */
  machineMatch: z.boolean().nullable(),
  /** Present whenever the license file could be read and its signature checked. */
  license: LicenseSummary.optional(),
});
export type LicenseVerdict = z.output<typeof LicenseVerdict>;

/** Expiry warnings start this long before a license ends. */
export const LICENSE_EXPIRY_WARNING_MS = 14 * 24 * 60 * 60 * 1000;

export interface LicenseUsage {
  readonly shards?: number | undefined;
  readonly servers?: number | undefined;
}

/** The first limit `usage` goes over, as a sentence, or undefined when it fits. Pure. */
export function licenseLimitProblem(limits: LicenseLimits, usage: LicenseUsage): string | undefined {
  if (limits.shards !== undefined && usage.shards !== undefined && usage.shards > limits.shards) {
    return `${usage.shards} shards run but the license allows ${limits.shards}`;
  }
  if (limits.servers !== undefined && usage.servers !== undefined && usage.servers > limits.servers) {
    return `the bot is in ${usage.servers} servers but the license allows ${limits.servers}`;
  }
  return undefined;
}
