/** The license lines of `/admin system`: who it is for, until when, and whether it names this machine. Pure. */
import { LICENSE_EXPIRY_WARNING_MS, type LicenseVerdict } from '@timekeeper/contracts';

const seconds = (ms: number): number => Math.floor(ms / 1000);

/** `null`: the license sidecar did not answer. */
export function licenseLines(verdict: LicenseVerdict | null): string[] {
  if (verdict === null) return ['⚪ The license sidecar is not answering'];
  const { license } = verdict;
  const machine =
    verdict.machineMatch === null
      ? 'unknown'
      : verdict.machineMatch
        ? 'listed in the license'
        : '**not** listed';
  const details = license
    ? [
        `Licensee: **${license.licensee}** (license ${license.licenseId})`,
        `Expires: <t:${seconds(license.expiresAt)}:D> (<t:${seconds(license.expiresAt)}:R>)`,
        `This machine: ${machine}`,
      ]
    : [];
  if (!verdict.valid) return [`🔴 Not valid: ${verdict.message}`, ...details];
  const soon = license !== undefined && license.expiresAt - verdict.checkedAt <= LICENSE_EXPIRY_WARNING_MS;
  return [soon ? '🟠 Valid, expiring soon: ask for a renewal' : '🟢 Valid', ...details];
}
