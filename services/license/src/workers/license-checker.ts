/**
 * The sidecar's loop: check the license (at start, then every LICENSE_CHECK_INTERVAL), broadcast the
 * verdict on tk.v1.license.status, keep the last valid one in Redis for the gateway's grace period, and
 * warn in the logs from 14 days before expiry.
 */
import { readFile } from 'node:fs/promises';
import type { NatsConnection } from '@nats-io/transport-node';
import { LICENSE_EXPIRY_WARNING_MS, LicenseVerdict, encode, subjects } from '@timekeeper/contracts';
import type { LicenseVerdictStore } from '@timekeeper/storage/gateway';
import type { Logger } from '@timekeeper/service-kit';
import { checkLicense } from '../logic/check';
import type { MachineIdentity } from '../logic/machine-id';
import type { LicenseMetrics } from '../metrics';

export interface LicenseCheckerDeps {
  readonly nc: NatsConnection;
  readonly store: LicenseVerdictStore;
  readonly logger: Logger;
  readonly metrics: LicenseMetrics;
  readonly machine: MachineIdentity;
  readonly licenseFile: string | undefined;
  readonly publicKey: string | undefined;
  readonly now?: () => number;
}

export class LicenseChecker {
  private current: LicenseVerdict | undefined;
  /** The latest time seen, kept in memory too, for when Redis cannot be reached. */
  private latestSeen = 0;
  private lastLogged: string | undefined;
  private lastWarnedDay: string | undefined;

  constructor(private readonly deps: LicenseCheckerDeps) {}

  /** The current verdict, checking first when there is none yet. */
  async verdict(): Promise<LicenseVerdict> {
    return this.current ?? this.check();
  }

  /** Checks again, remembers, records and broadcasts the verdict. */
  async check(): Promise<LicenseVerdict> {
    const { deps } = this;
    const now = await this.effectiveNow((deps.now ?? Date.now)());
    const licenseText =
      deps.licenseFile === undefined
        ? undefined
        : await readFile(deps.licenseFile, 'utf8').catch((error: unknown) => error as Error);
    const verdict = checkLicense({ publicKey: deps.publicKey, licenseText, machine: deps.machine, now });
    this.current = verdict;
    deps.metrics.record(verdict);
    this.log(verdict);
    const encoded = encode(LicenseVerdict, verdict);
    if (!encoded.ok) throw new Error(`license verdict breaks its schema: ${encoded.error.message}`);
    if (verdict.valid) {
      await deps.store
        .saveGoodVerdict(Buffer.from(encoded.value).toString('utf8'))
        .catch((error: unknown) =>
          deps.logger.warn({ err: error }, 'could not keep the license verdict in Redis'),
        );
    }
    deps.nc.publish(subjects.licenseStatus, encoded.value);
    return verdict;
  }

  /** max(now, every time seen so far, here or in Redis): setting the clock back gains nothing. */
  private async effectiveNow(now: number): Promise<number> {
    const stored = await this.deps.store.observeTime(now).catch(() => 0);
    this.latestSeen = Math.max(this.latestSeen, now, stored);
    return this.latestSeen;
  }

  /** One line per change of verdict, and one expiry warning per day in the last 14 days. */
  private log(verdict: LicenseVerdict): void {
    const { logger } = this.deps;
    const key = `${verdict.reason}:${verdict.message}`;
    if (key !== this.lastLogged) {
      this.lastLogged = key;
      if (verdict.valid)
        logger.info({ reason: verdict.reason, license: verdict.license?.licenseId }, verdict.message);
      else logger.error({ reason: verdict.reason }, `license not valid: ${verdict.message}`);
    }
    const expiresAt = verdict.license?.expiresAt;
    if (!verdict.valid || expiresAt === undefined) return;
    const left = expiresAt - verdict.checkedAt;
    const today = new Date(verdict.checkedAt).toISOString().slice(0, 10);
    if (left <= LICENSE_EXPIRY_WARNING_MS && today !== this.lastWarnedDay) {
      this.lastWarnedDay = today;
      logger.warn(
        { expiresAt: new Date(expiresAt).toISOString(), daysLeft: Math.floor(left / 86_400_000) },
        `license ${verdict.license?.licenseId} expires in ${Math.ceil(left / 86_400_000)} days; ask for a renewal`,
      );
    }
  }
}
