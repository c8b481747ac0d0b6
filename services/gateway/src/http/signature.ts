import { createPublicKey, verify, type KeyObject } from 'node:crypto';

/** Discord refuses to deliver to an endpoint that accepts stale requests; we allow 5 minutes of skew. */
export const MAX_SIGNATURE_AGE_SECONDS = 300;

// DER prefix of an Ed25519 SubjectPublicKeyInfo; the raw 32-byte key follows it.
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** Builds a verification key from the application's public key as Discord shows it (64 hex characters). */
export function publicKeyFromHex(hex: string): KeyObject {
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) {
    throw new TypeError('DISCORD_PUBLIC_KEY must be 64 hexadecimal characters');
  }
  return createPublicKey({
    key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(hex, 'hex')]),
    format: 'der',
    type: 'spki',
  });
}

export type SignatureCheck =
  | { ok: true }
  | { ok: false; reason: 'missing-headers' | 'malformed-signature' | 'stale-timestamp' | 'bad-signature' };

export interface SignedRequest {
  readonly signature: string | undefined;
  readonly timestamp: string | undefined;
  /** The raw body bytes exactly as received: verified before anything parses them. */
  readonly body: Buffer;
}

/**
 * Verifies `X-Signature-Ed25519` over `X-Signature-Timestamp + raw body`, and that the timestamp is recent,
 * so a captured request cannot be replayed later.
 */
export function checkSignature(
  request: SignedRequest,
  key: KeyObject,
  nowSeconds: number = Date.now() / 1000,
): SignatureCheck {
  const { signature, timestamp, body } = request;
  if (!signature || !timestamp) return { ok: false, reason: 'missing-headers' };
  if (!/^[0-9a-fA-F]{128}$/.test(signature) || !/^\d{1,12}$/.test(timestamp)) {
    return { ok: false, reason: 'malformed-signature' };
  }
  if (Math.abs(nowSeconds - Number(timestamp)) > MAX_SIGNATURE_AGE_SECONDS) {
    return { ok: false, reason: 'stale-timestamp' };
  }
  const message = Buffer.concat([Buffer.from(timestamp, 'utf8'), body]);
  const valid = verify(null, message, key, Buffer.from(signature, 'hex'));
  return valid ? { ok: true } : { ok: false, reason: 'bad-signature' };
}
