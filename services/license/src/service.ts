import { defineService, envFields, packageVersion } from '@timekeeper/service-kit';

export const licenseService = defineService({
  name: 'license',
  version: packageVersion(__dirname),
  description: "Checks this machine's id against a signed license and broadcasts the license status",
  env: {
    // Validated when present; the license check itself is not implemented yet.
    LICENSE_FILE: envFields.licenseFile().optional(),
    LICENSE_PUBLIC_KEY: envFields.licensePublicKey().optional(),
  },
});
