import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { offsetFileClock, type Clock } from '@timekeeper/service-kit';

/**
 * A clock the test controls and every service shares: it writes the offset file that services read
 * through `CLOCK_OFFSET_FILE`, so moving time here moves it for them too.
 */
export class TestClock implements Clock {
  readonly file: string;
  private readonly dir: string;
  private readonly reader: Clock;

  constructor() {
    this.dir = mkdtempSync(join(tmpdir(), 'tk-clock-'));
    this.file = join(this.dir, 'offset');
    writeFileSync(this.file, '0');
    this.reader = offsetFileClock(this.file);
  }

  now(): number {
    return this.reader.now();
  }

  /** Jumps to `instant` (epoch ms); time keeps flowing from there. */
  set(instant: number): void {
    writeFileSync(this.file, String(instant - Date.now()));
  }

  advance(ms: number): void {
    this.set(this.now() + ms);
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
