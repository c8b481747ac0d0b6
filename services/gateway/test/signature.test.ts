import { generateKeyPairSync, sign } from 'node:crypto';
import { MAX_SIGNATURE_AGE_SECONDS, checkSignature, publicKeyFromHex } from '../src/http/signature';

const { publicKey, privateKey } = generateKeyPairSync('ed25519');
const publicHex = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('hex');
const key = publicKeyFromHex(publicHex);
const now = 1_800_000_000;

function signed(body: string, timestamp = String(now)) {
  const signature = sign(null, Buffer.from(timestamp + body), privateKey).toString('hex');
  return { signature, timestamp, body: Buffer.from(body) };
}

describe('checkSignature', () => {
  const body = '{"type":1}';
  const cases: Array<[string, Parameters<typeof checkSignature>[0], string]> = [
    ['valid', signed(body), 'ok'],
    ['missing signature', { ...signed(body), signature: undefined }, 'missing-headers'],
    ['missing timestamp', { ...signed(body), timestamp: undefined }, 'missing-headers'],
    ['signature not hex', { ...signed(body), signature: 'zz' }, 'malformed-signature'],
    ['timestamp not a number', { ...signed(body), timestamp: 'yesterday' }, 'malformed-signature'],
    ['body changed', { ...signed(body), body: Buffer.from('{"type":2}') }, 'bad-signature'],
    ['timestamp changed', { ...signed(body), timestamp: String(now - 1) }, 'bad-signature'],
    ['too old', signed(body, String(now - MAX_SIGNATURE_AGE_SECONDS - 1)), 'stale-timestamp'],
    ['from the future', signed(body, String(now + MAX_SIGNATURE_AGE_SECONDS + 1)), 'stale-timestamp'],
    ['just inside the window', signed(body, String(now - MAX_SIGNATURE_AGE_SECONDS)), 'ok'],
  ];

  it.each(cases)('%s', (_name, request, expected) => {
    const result = checkSignature(request, key, now);
    expect(result.ok ? 'ok' : result.reason).toBe(expected);
  });

  it('rejects a signature made with another key', () => {
    const other = generateKeyPairSync('ed25519');
    const signature = sign(null, Buffer.from(String(now) + body), other.privateKey).toString('hex');
    expect(checkSignature({ signature, timestamp: String(now), body: Buffer.from(body) }, key, now)).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
  });
});

describe('publicKeyFromHex', () => {
  it.each(['', 'abc', 'g'.repeat(64), 'a'.repeat(63)])('refuses %j', (hex) => {
    expect(() => publicKeyFromHex(hex)).toThrow('DISCORD_PUBLIC_KEY must be 64 hexadecimal characters');
  });
});
