import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The `version` of the package.json one level above `moduleDir`, which is where it sits for both
 * `src/` (tests) and `dist/` (runtime).
 */
export function packageVersion(moduleDir: string): string {
  const manifest = JSON.parse(readFileSync(join(moduleDir, '..', 'package.json'), 'utf8')) as {
    version?: unknown;
  };
  if (typeof manifest.version !== 'string')
    throw new Error(`no version in ${join(moduleDir, '..', 'package.json')}`);
  return manifest.version;
}
