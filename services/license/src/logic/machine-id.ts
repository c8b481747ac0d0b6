/**
 * This machine's license identity: an HMAC of the OS machine id under an application key, so the raw id
 * (which other software may use) never leaves the machine and Timekeeper's id means nothing elsewhere.
 *
 * Sources, first that serves: an explicit installation id (LICENSE_INSTALLATION_ID); on Linux the
 * machine-id files, read directly (node-machine-id would shell out through /bin/sh and silently use the
 * host name when they are missing — in a container that is the container id, new on every re-create);
 * elsewhere node-machine-id (macOS IOPlatformUUID, Windows MachineGuid). A value that looks like a host
 * name is refused with a message saying how to mount the host's machine id.
 */
import { createHmac } from 'node:crypto';

/** The application key of the HMAC (machine-id(5): derive an app-specific id, never expose the raw one). */
const APPLICATION_KEY = 'timekeeper/license/machine-id/v1';

export const LINUX_MACHINE_ID_FILES = ['/etc/machine-id', '/var/lib/dbus/machine-id'] as const;

/** A systemd / D-Bus machine id: 32 lower-case hex characters. */
const LINUX_MACHINE_ID = /^[0-9a-f]{32}$/;
/** macOS and Windows give a UUID. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const MIN_INSTALLATION_ID_LENGTH = 16;

export const MOUNT_HINT =
  "mount the host's machine id read-only (docker: -v /etc/machine-id:/etc/machine-id:ro; Kubernetes: a hostPath volume " +
  'for /etc/machine-id, see deploy/kubernetes) or set LICENSE_INSTALLATION_ID';

export type MachineIdSource = 'installation-id' | (typeof LINUX_MACHINE_ID_FILES)[number] | 'node-machine-id';

export type MachineIdentity =
  | { readonly ok: true; readonly id: string; readonly source: MachineIdSource }
  | { readonly ok: false; readonly message: string };

export interface MachineIdInputs {
  readonly installationId?: string | undefined;
  readonly platform: NodeJS.Platform;
  readonly hostname: string;
  /** The file's text, or undefined when it cannot be read. */
  readonly readFile: (path: string) => string | undefined;
  /** node-machine-id's raw (unhashed) value. */
  readonly nodeMachineId: () => Promise<string>;
}

/** HMAC-SHA-256 of a raw id under the application key, as 64 hex characters. */
export function hashMachineId(raw: string): string {
  return createHmac('sha256', APPLICATION_KEY).update(raw.trim()).digest('hex');
}

export async function readMachineIdentity(inputs: MachineIdInputs): Promise<MachineIdentity> {
  const installationId = inputs.installationId?.trim();
  if (installationId) {
    if (installationId.length < MIN_INSTALLATION_ID_LENGTH) {
      return {
        ok: false,
        message: `LICENSE_INSTALLATION_ID must be at least ${MIN_INSTALLATION_ID_LENGTH} characters (e.g. a UUID)`,
      };
    }
    return { ok: true, id: hashMachineId(installationId), source: 'installation-id' };
  }
  const hostname = inputs.hostname.trim().toLowerCase();
  if (inputs.platform === 'linux') {
    const seen: string[] = [];
    for (const path of LINUX_MACHINE_ID_FILES) {
      const value = inputs.readFile(path)?.trim().toLowerCase();
      if (value && LINUX_MACHINE_ID.test(value) && value !== hostname) {
        return { ok: true, id: hashMachineId(value), source: path };
      }
      seen.push(
        `${path} ${value === undefined ? 'is missing' : value === '' ? 'is empty' : 'is not a machine id'}`,
      );
    }
    return { ok: false, message: `no machine id (${seen.join(', ')}); ${MOUNT_HINT}` };
  }
  let value: string;
  try {
    value = (await inputs.nodeMachineId()).trim().toLowerCase();
  } catch (error) {
    return { ok: false, message: `no machine id (${(error as Error).message}); ${MOUNT_HINT}` };
  }
  if (value === hostname || !(UUID.test(value) || LINUX_MACHINE_ID.test(value))) {
    return { ok: false, message: `no machine id (the host name was offered instead); ${MOUNT_HINT}` };
  }
  return { ok: true, id: hashMachineId(value), source: 'node-machine-id' };
}
