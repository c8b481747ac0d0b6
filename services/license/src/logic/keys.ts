/**
 * Ed25519 keys for licenses (node:crypto). The vendor keeps the private key; every installation gets the
 * public key as LICENSE_PUBLIC_KEY (PEM, or the raw 32-byte key as 64 hex characters). A key id, derived
 * from the public key, names the key a license was signed with, so keys can be rotated.
 */
import { createHash, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';

/** DER prefix of an Ed25519 SubjectPublicKeyInfo; the raw 32-byte key follows it. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export class LicenseKeyError extends Error {
  override readonly name = 'LicenseKeyError';
}

/**
 * The trusted keys of LICENSE_PUBLIC_KEY: one or more PEM blocks, or 64-hex keys separated by commas.
 * More than one key lets an installation accept licenses of the old and the new key while keys rotate.
 */
export function parsePublicKeys(text: string): KeyObject[] {
  const normalised = text.trim().replace(/\\n/g, '\n');
  const blocks = normalised.match(/-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----/g);
  const parts = blocks ?? normalised.split(/[\s,]+/).filter((part) => part !== '');
  if (parts.length === 0) throw new LicenseKeyError('no public key given');
  return parts.map(parsePublicKey);
}

/** A public key from PEM text or 64 hex characters. */
export function parsePublicKey(text: string): KeyObject {
  const trimmed = text.trim().replace(/\\n/g, '\n');
  let key: KeyObject;
  try {
    key = /^[0-9a-fA-F]{64}$/.test(trimmed)
      ? createPublicKey({
          key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(trimmed, 'hex')]),
          format: 'der',
          type: 'spki',
        })
      : createPublicKey(trimmed);
  } catch (error) {
    throw new LicenseKeyError(`not a public key: ${(error as Error).message}`);
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new LicenseKeyError(`expected an Ed25519 key, got ${key.asymmetricKeyType ?? 'unknown'}`);
  }
  return key;
}

/** The raw 32 bytes of an Ed25519 public key. */
export function rawPublicKey(key: KeyObject): Buffer {
  const der = key.export({ format: 'der', type: 'spki' });
  return der.subarray(der.length - 32);
}

/** 16 hex characters of SHA-256 over the raw public key: short, stable, and says nothing secret. */
export function keyIdOf(key: KeyObject): string {
  return createHash('sha256').update(rawPublicKey(key)).digest('hex').slice(0, 16);
}

export interface GeneratedKeyPair {
  readonly privateKeyPem: string;
  readonly publicKeyPem: string;
  readonly publicKeyHex: string;
  readonly keyId: string;
}

export function generateLicenseKeyPair(): GeneratedKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    publicKeyHex: rawPublicKey(publicKey).toString('hex'),
    keyId: keyIdOf(publicKey),
  };
}
