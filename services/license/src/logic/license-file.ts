/**
 * The license file: `<payload>.<signature>`, both base64url, with optional `#` comment lines around it.
 * The payload is UTF-8 JSON; the signature is Ed25519 over the base64url payload text itself, so the JSON
 * never needs a canonical form. Pure apart from node:crypto.
 */
import { createPrivateKey, sign, verify, type KeyObject } from 'node:crypto';
import { LicenseSummary, type LicenseVerdictReason } from '@timekeeper/contracts';
import { z } from 'zod';
import { keyIdOf } from './keys';

/** HMAC-derived machine ids (see machine-id.ts): 64 hex characters. */
export const BoundMachineId = z
  .string()
  .regex(/^[0-9a-f]{64}$/, 'expected a machine id from `pnpm license machine-id`');

export const LicensePayload = LicenseSummary.extend({
  v: z.literal(1),
  /** The machines this license may run on. */
  machineIds: z.array(BoundMachineId).min(1).max(100),
}).refine((p) => p.notBefore < p.expiresAt, { message: 'notBefore must be before expiresAt' });
export type LicensePayload = z.output<typeof LicensePayload>;

/** Signs a payload with the vendor's private key (PEM or KeyObject) and returns the file's text. */
export function signLicense(
  payload: LicensePayload,
  privateKey: KeyObject | string,
  comment: string[] = [],
): string {
  const checked = LicensePayload.parse(payload);
  const key = typeof privateKey === 'string' ? createPrivateKey(privateKey) : privateKey;
  const body = Buffer.from(JSON.stringify(checked), 'utf8').toString('base64url');
  const signature = sign(null, Buffer.from(body, 'ascii'), key).toString('base64url');
  return [...comment.map((line) => `# ${line}`), `${body}.${signature}`, ''].join('\n');
}

export type LicenseReadResult =
  | { readonly ok: true; readonly payload: LicensePayload }
  | { readonly ok: false; readonly reason: LicenseVerdictReason; readonly message: string };

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** The token line of a license file, and its payload decoded without checking the signature (for `inspect`). */
export function parseLicenseText(
  text: string,
): { ok: true; body: string; signature: string; json: unknown } | { ok: false; message: string } {
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const parts = lines.length === 1 ? (lines[0] ?? '').split('.') : [];
  const [body, signature] = parts;
  if (parts.length !== 2 || !body || !signature || !BASE64URL.test(body) || !BASE64URL.test(signature)) {
    return { ok: false, message: 'the license file must hold one line <payload>.<signature> (base64url)' };
  }
  try {
    return { ok: true, body, signature, json: JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) };
  } catch {
    return { ok: false, message: 'the license payload is not JSON' };
  }
}

/**
 * Checks the signature against the trusted public keys (by key id) and the payload's shape. Says nothing
 * yet about dates or machines: see evaluateLicense.
 */
export function readLicense(text: string, trustedKeys: readonly KeyObject[]): LicenseReadResult {
  const parsed = parseLicenseText(text);
  if (!parsed.ok) return { ok: false, reason: 'malformed', message: parsed.message };
  const keyId = (parsed.json as { keyId?: unknown } | null)?.keyId;
  const key = trustedKeys.find((candidate) => keyIdOf(candidate) === keyId);
  if (!key) {
    return {
      ok: false,
      reason: 'unknown-key',
      message: `the license was signed with key ${JSON.stringify(keyId)}, which LICENSE_PUBLIC_KEY is not`,
    };
  }
  const signature = Buffer.from(parsed.signature, 'base64url');
  if (signature.length !== 64 || !verify(null, Buffer.from(parsed.body, 'ascii'), key, signature)) {
    return {
      ok: false,
      reason: 'bad-signature',
      message: 'the license signature does not match its contents',
    };
  }
  const payload = LicensePayload.safeParse(parsed.json);
  if (!payload.success) {
    return {
      ok: false,
      reason: 'malformed',
      message: `the license payload is invalid: ${z.prettifyError(payload.error)}`,
    };
  }
  return { ok: true, payload: payload.data };
}
