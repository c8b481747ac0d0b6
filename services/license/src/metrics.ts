import { defineMetrics } from '@timekeeper/service-kit';
import { Gauge, type Registry } from 'prom-client';
import type { LicenseVerdict } from '@timekeeper/contracts';

export interface LicenseMetrics {
  /** Applies a verdict to every gauge. */
  record(verdict: LicenseVerdict): void;
}

export const licenseMetrics = defineMetrics((registry: Registry): LicenseMetrics => {
  const valid = new Gauge({
    name: 'timekeeper_license_valid',
    help: '1 while the license verdict is valid, else 0',
    registers: [registry],
  });
  const expiry = new Gauge({
    name: 'timekeeper_license_expiry_timestamp_seconds',
    help: 'When the license expires (Unix seconds); absent while no license could be read',
    registers: [registry],
  });
  const machineMatch = new Gauge({
    name: 'timekeeper_license_machine_match',
    help: '1 when the license names this machine, 0 when it does not or the machine id is unknown',
    registers: [registry],
  });
  return {
    record(verdict) {
      valid.set(verdict.valid ? 1 : 0);
      machineMatch.set(verdict.machineMatch ? 1 : 0);
      if (verdict.license) expiry.set(verdict.license.expiresAt / 1000);
      else expiry.reset();
    },
  };
});
