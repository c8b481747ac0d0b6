import {
  envField,
  envFields,
  parseNonEmpty,
  parsePositiveInteger,
  type ServiceConfig,
} from '@timekeeper/service-kit';

/** How often the sidecar checks the license again and broadcasts its verdict, by default. */
export const DEFAULT_CHECK_INTERVAL_SECONDS = 60;

export const licenseEnv = {
  REDIS_URL: envFields.redisUrl(),
  LICENSE_FILE: envFields.licenseFile().optional(),
  LICENSE_PUBLIC_KEY: envFields.licensePublicKey().optional(),
  LICENSE_INSTALLATION_ID: envField(parseNonEmpty).optional(),
  LICENSE_CHECK_INTERVAL: envField(parsePositiveInteger).default(DEFAULT_CHECK_INTERVAL_SECONDS),
};

export type LicenseConfig = ServiceConfig<typeof licenseEnv>;
