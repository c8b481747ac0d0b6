import { LicenseVerdict, encode, subjects } from '@timekeeper/contracts';
import { defineService, packageVersion } from '@timekeeper/service-kit';
import { LicenseVerdictStore, connectGatewayRedis } from '@timekeeper/storage/gateway';
import { licenseEnv } from './config';
import { readMachineIdentity } from './logic/machine-id';
import { systemMachineIdInputs } from './machine-inputs';
import { licenseMetrics } from './metrics';
import { LicenseChecker } from './workers/license-checker';

export const licenseService = defineService({
  name: 'license',
  version: packageVersion(__dirname),
  description: "Checks this machine's id against a signed license and broadcasts the license status",
  env: licenseEnv,
  setup: async (ctx) => {
    const { config, logger, nc } = ctx;
    const redis = await connectGatewayRedis(config.REDIS_URL, { name: `license:${config.INSTANCE_ID}` });
    ctx.onClose(() => void redis.disconnect());
    const machine = await readMachineIdentity(systemMachineIdInputs(config.LICENSE_INSTALLATION_ID));
    if (machine.ok) logger.info({ source: machine.source, machineId: machine.id }, 'machine id read');
    else logger.error(machine.message);
    const checker = new LicenseChecker({
      nc,
      store: new LicenseVerdictStore(redis),
      logger,
      metrics: licenseMetrics(ctx.metrics.registry),
      machine,
      licenseFile: config.LICENSE_FILE,
      publicKey: config.LICENSE_PUBLIC_KEY,
    });
    ctx.handle(
      subjects.licenseStatusRequest,
      async () => {
        const encoded = encode(LicenseVerdict, await checker.verdict());
        if (!encoded.ok) throw new Error(encoded.error.message);
        return encoded.value;
      },
      { endpointName: 'status' },
    );
    await checker.check();
    const timer = setInterval(() => {
      checker.check().catch((error: unknown) => logger.error({ err: error }, 'license check failed'));
    }, config.LICENSE_CHECK_INTERVAL * 1000);
    ctx.onClose(() => clearInterval(timer));
  },
});
