import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { machineId } from 'node-machine-id';
import type { MachineIdInputs } from './logic/machine-id';

/** Where this machine's id comes from; tests pass their own inputs instead. */
export function systemMachineIdInputs(installationId: string | undefined): MachineIdInputs {
  return {
    installationId,
    platform: process.platform,
    hostname: hostname(),
    readFile: (path) => {
      try {
        return readFileSync(path, 'utf8');
      } catch {
        return undefined;
      }
    },
    nodeMachineId: () => machineId(true),
  };
}
