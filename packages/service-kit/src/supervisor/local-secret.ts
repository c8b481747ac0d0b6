import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * For a local run without CUSTOM_ID_SECRET: a random secret kept in the data folder, so buttons posted
 * before a restart keep working after it.
 */
export function localCustomIdSecret(dataRoot: string): string {
  const file = join(dataRoot, 'custom-id-secret');
  if (existsSync(file)) {
    const saved = readFileSync(file, 'utf8').trim();
    if (saved.length >= 32) return saved;
  }
  mkdirSync(dataRoot, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
