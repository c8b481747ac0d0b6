import type { NatsConnection } from '@nats-io/transport-node';
import { LicenseVerdict, decode, subjects } from '@timekeeper/contracts';

/** The license sidecar's current verdict, or null when it does not answer in time. */
export async function fetchLicenseVerdict(
  nc: NatsConnection,
  timeoutMs = 500,
): Promise<LicenseVerdict | null> {
  try {
    const reply = await nc.request(subjects.licenseStatusRequest, undefined, { timeout: timeoutMs });
    const verdict = decode(LicenseVerdict, reply.data);
    return verdict.ok ? verdict.value : null;
  } catch {
    return null;
  }
}
