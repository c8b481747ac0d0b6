import type { InteractionService } from './services';

/** Every NATS subject Timekeeper uses starts with this prefix and carries the protocol version. */
export const SUBJECT_PREFIX = 'tk.v1';

export const subjects = {
  /** Request/reply: the gateway asks a service to answer an interaction (queue group = service name). */
  interaction: (service: InteractionService): string => `${SUBJECT_PREFIX}.interaction.${service}`,
  /** Domain events after committed writes, e.g. tk.v1.event.<guildId>.clock.in */
  event: (guildId: string, type: string): string => `${SUBJECT_PREFIX}.event.${guildId}.${type}`,
  /** Wildcard for every event of every guild. */
  allEvents: `${SUBJECT_PREFIX}.event.>`,
  /** JetStream work-queue jobs, e.g. tk.v1.job.export */
  job: (kind: string): string => `${SUBJECT_PREFIX}.job.${kind}`,
  /** License verdict broadcast by the license sidecar (LicenseVerdict), at start and periodically. */
  licenseStatus: `${SUBJECT_PREFIX}.license.status`,
  /** Request/reply: ask the license sidecar for its current verdict (answered with a LicenseVerdict). */
  licenseStatusRequest: `${SUBJECT_PREFIX}.license.status.get`,
  /** JetStream outage journal: writes accepted while Redis was unreachable, replayed in order. */
  storageJournal: `${SUBJECT_PREFIX}.storage.journal`,
  /** Cache invalidation across replicas. */
  cacheInvalidate: (guildId: string): string => `${SUBJECT_PREFIX}.cache.invalidate.${guildId}`,
} as const;
