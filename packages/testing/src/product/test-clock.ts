import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A clock the test controls and every service shares: it writes the offset file that services read
 * through `CLOCK_OFFSET_FILE`, so moving time here moves it for them too.
 */
export class TestClock {
  readonly file: string;
  private readonly dir: string;
  private offsetMs = 0;

  constructor() {
    this.dir = mkdtempSync(join(tmpdir(), 'tk-clock-'));
    this.file = join(this.dir, 'offset');
    writeFileSync(this.file, '0');
  }

  now(): number {
    return Date.now() + this.offsetMs;
  }

  /** Jumps to `instant` (epoch ms); time keeps flowing from there. */
  set(instant: number): void {
    this.offsetMs = instant - Date.now();
    writeFileSync(this.file, String(this.offsetMs));
  }

  advance(ms: number): void {
    this.set(this.now() + ms);
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
