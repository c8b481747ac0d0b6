/**
 * `pnpm license keygen | issue | inspect | machine-id | verify`: the vendor's and the operator's tools.
 * Each command takes parsed arguments and an output sink and returns the exit code, so tests run them
 * in-process.
 */
import { createPrivateKey, createPublicKey, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LicenseVerdict } from '@timekeeper/contracts';
import { checkLicense } from '../logic/check';
import { generateLicenseKeyPair, keyIdOf } from '../logic/keys';
import { BoundMachineId, parseLicenseText, signLicense, type LicensePayload } from '../logic/license-file';
import { readMachineIdentity, type MachineIdInputs } from '../logic/machine-id';

export interface CliIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  /** Resolves a path the user typed against the directory they typed it in. */
  readonly path: (typed: string) => string;
  readonly machineInputs: MachineIdInputs;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly now: () => number;
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export type Flags = Readonly<Record<string, string | boolean | string[] | undefined>>;

const str = (flags: Flags, name: string): string | undefined => {
  const value = flags[name];
  return typeof value === 'string' ? value : undefined;
};
const required = (flags: Flags, name: string): string => {
  const value = str(flags, name);
  if (value === undefined || value === '') throw new UsageError(`--${name} is required`);
  return value;
};
const list = (flags: Flags, name: string): string[] => {
  const value = flags[name];
  return Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
};

function parseDate(flag: string, raw: string): number {
  const value = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(raw) ? `${raw}T00:00:00Z` : raw);
  if (Number.isNaN(value)) throw new UsageError(`--${flag} must be a date, e.g. 2027-12-31`);
  return value;
}

function parseLimit(flags: Flags, name: string): number | undefined {
  const raw = str(flags, name);
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) < 1)
    throw new UsageError(`--${name} must be a whole number of at least 1`);
  return Number(raw);
}

export function keygen(flags: Flags, io: CliIo): number {
  const dir = io.path(str(flags, 'out') ?? '.');
  const privateFile = join(dir, 'license-signing-key.pem');
  const publicFile = join(dir, 'license-public-key.pem');
  for (const file of [privateFile, publicFile]) {
    if (existsSync(file)) throw new UsageError(`${file} exists; keygen never overwrites a key`);
  }
  const pair = generateLicenseKeyPair();
  writeFileSync(privateFile, pair.privateKeyPem, { mode: 0o600 });
  writeFileSync(publicFile, pair.publicKeyPem);
  io.out(`key id ${pair.keyId}`);
  io.out(`signing key (keep it secret, off the servers): ${privateFile}`);
  io.out(`public key: ${publicFile}`);
  io.out(`LICENSE_PUBLIC_KEY=${pair.publicKeyHex}`);
  return 0;
}

export function issue(flags: Flags, io: CliIo): number {
  const privateKey = createPrivateKey(readFileSync(io.path(required(flags, 'signing-key')), 'utf8'));
  const machineIds = list(flags, 'machine-id');
  if (machineIds.length === 0)
    throw new UsageError('--machine-id is required (repeat it for several machines)');
  for (const id of machineIds) {
    if (!BoundMachineId.safeParse(id).success) {
      throw new UsageError(
        `--machine-id ${id} is not a machine id; the operator gets it from \`pnpm license machine-id\``,
      );
    }
  }
  const issuedAt = io.now();
  const limits = { shards: parseLimit(flags, 'shards'), servers: parseLimit(flags, 'servers') };
  const payload: LicensePayload = {
    v: 1,
    licenseId: str(flags, 'license-id') ?? randomUUID(),
    licensee: required(flags, 'licensee'),
    keyId: keyIdOf(createPublicKey(privateKey)),
    issuedAt,
    notBefore: str(flags, 'not-before') ? parseDate('not-before', required(flags, 'not-before')) : issuedAt,
    expiresAt: parseDate('expires', required(flags, 'expires')),
    machineIds,
    limits: Object.fromEntries(Object.entries(limits).filter(([, value]) => value !== undefined)),
    features: list(flags, 'feature'),
  };
  if (payload.expiresAt <= payload.notBefore) throw new UsageError('--expires must be after --not-before');
  const text = signLicense(payload, privateKey, [
    `Timekeeper license ${payload.licenseId} for ${payload.licensee}`,
    `valid ${day(payload.notBefore)} to ${day(payload.expiresAt)}; check it with: pnpm license inspect <file>`,
  ]);
  const out = str(flags, 'out');
  if (out === undefined)
    text
      .trimEnd()
      .split('\n')
      .forEach((line) => io.out(line));
  else {
    writeFileSync(io.path(out), text);
    io.out(`license ${payload.licenseId} written to ${io.path(out)}`);
  }
  return 0;
}

const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export function inspect(positional: readonly string[], io: CliIo): number {
  const file = positional[0];
  if (!file) throw new UsageError('usage: pnpm license inspect <license file>');
  const parsed = parseLicenseText(readFileSync(io.path(file), 'utf8'));
  if (!parsed.ok) {
    io.err(parsed.message);
    return 1;
  }
  io.out('contents (signature NOT checked; use `pnpm license verify` for that):');
  const payload = parsed.json as Partial<LicensePayload>;
  for (const [name, value] of Object.entries(payload)) {
    const shown =
      ['issuedAt', 'notBefore', 'expiresAt'].includes(name) && typeof value === 'number'
        ? new Date(value).toISOString()
        : JSON.stringify(value);
    io.out(`  ${name}: ${shown}`);
  }
  if (typeof payload.expiresAt === 'number') {
    const days = Math.floor((payload.expiresAt - io.now()) / 86_400_000);
    io.out(days >= 0 ? `expires in ${days} days` : `expired ${-days} days ago`);
  }
  return 0;
}

export async function machineId(io: CliIo): Promise<number> {
  const identity = await readMachineIdentity(io.machineInputs);
  if (!identity.ok) {
    io.err(identity.message);
    return 1;
  }
  io.out(identity.id);
  io.err(`(from ${identity.source}; send this id, never the raw machine id, to get a license)`);
  return 0;
}

export async function verifyCommand(positional: readonly string[], flags: Flags, io: CliIo): Promise<number> {
  const file = positional[0] ?? io.env.LICENSE_FILE;
  if (!file) throw new UsageError('usage: pnpm license verify <license file> [--public-key <file or hex>]');
  const keyFlag = str(flags, 'public-key');
  const publicKey =
    keyFlag === undefined
      ? io.env.LICENSE_PUBLIC_KEY
      : existsSync(io.path(keyFlag))
        ? readFileSync(io.path(keyFlag), 'utf8')
        : keyFlag;
  let licenseText: string | Error;
  try {
    licenseText = readFileSync(io.path(file), 'utf8');
  } catch (error) {
    licenseText = error as Error;
  }
  const verdict: LicenseVerdict = checkLicense({
    publicKey,
    licenseText,
    machine: await readMachineIdentity(io.machineInputs),
    now: io.now(),
  });
  (verdict.valid ? io.out : io.err)(
    `${verdict.valid ? 'valid' : `NOT VALID (${verdict.reason})`}: ${verdict.message}`,
  );
  if (verdict.license) {
    const { license } = verdict;
    io.out(`  licensee ${license.licensee}, license ${license.licenseId}, key ${license.keyId}`);
    io.out(
      `  valid ${day(license.notBefore)} to ${day(license.expiresAt)}, this machine ${verdict.machineMatch ? 'listed' : 'NOT listed'}`,
    );
    io.out(`  limits ${JSON.stringify(license.limits)}, features ${license.features.join(', ') || 'none'}`);
  }
  return verdict.valid ? 0 : 1;
}
