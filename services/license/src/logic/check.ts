/**
 * One license check from its inputs (file text, public key, machine identity, time): the verdict every
 * service reads. Pure apart from node:crypto.
 */
import type { LicenseVerdict } from '@timekeeper/contracts';
import { evaluateLicense } from './evaluate';
import { LicenseKeyError, parsePublicKeys } from './keys';
import { readLicense } from './license-file';
import type { MachineIdentity } from './machine-id';

export interface CheckInputs {
  /** LICENSE_PUBLIC_KEY, or undefined. */
  readonly publicKey: string | undefined;
  /** The license file's text; undefined when LICENSE_FILE is unset; an Error when it cannot be read. */
  readonly licenseText: string | Error | undefined;
  readonly machine: MachineIdentity;
  /** max(now, latest time seen). */
  readonly now: number;
}

export function checkLicense(inputs: CheckInputs): LicenseVerdict {
  const { machine, now } = inputs;
  const refuse = (reason: LicenseVerdict['reason'], message: string): LicenseVerdict => ({
    v: 1,
    valid: false,
    reason,
    message,
    checkedAt: now,
    machineMatch: null,
  });
  if (inputs.publicKey === undefined) {
    return refuse('no-public-key', 'LICENSE_PUBLIC_KEY is not set: the license cannot be verified');
  }
  if (inputs.licenseText === undefined) {
    return refuse('no-license-file', 'LICENSE_FILE is not set: no license is installed on this machine');
  }
  if (inputs.licenseText instanceof Error) {
    return refuse('unreadable', `the license file cannot be read: ${inputs.licenseText.message}`);
  }
  let keys;
  try {
    keys = parsePublicKeys(inputs.publicKey);
  } catch (error) {
    if (error instanceof LicenseKeyError)
      return refuse('no-public-key', `LICENSE_PUBLIC_KEY: ${error.message}`);
    throw error;
  }
  const read = readLicense(inputs.licenseText, keys);
  if (!read.ok) return refuse(read.reason, read.message);
  return evaluateLicense(read.payload, { machine, now });
}
