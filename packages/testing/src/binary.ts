import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Thrown when a server binary the harness needs is not installed. */
export class MissingBinaryError extends Error {
  override readonly name = 'MissingBinaryError';
  constructor(
    readonly binary: string,
    readonly installHint: string,
  ) {
    super(`'${binary}' was not found on PATH. Install it first: ${installHint}`);
  }
}

const SEARCH_EXTRA = ['/usr/sbin', '/usr/local/sbin', '/usr/bin', '/usr/local/bin'];

/** Finds an executable on PATH (and the usual sbin folders), or throws MissingBinaryError. */
export function findBinary(binary: string, installHint: string): string {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), ...SEARCH_EXTRA].filter(Boolean);
  for (const dir of dirs) {
    const candidate = join(dir, binary);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; keep looking
    }
  }
  throw new MissingBinaryError(binary, installHint);
}
