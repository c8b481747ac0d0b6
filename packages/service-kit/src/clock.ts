import { readFileSync, statSync } from 'node:fs';

/** Where services read "now". Production uses the wall clock; tests and demos can move time forward. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/**
 * A clock that adds the milliseconds written in `file` to the wall clock, so an end-to-end test can
 * move every service process forward in time together (reminders, forgotten clock-outs) by writing
 * one number. The file is re-read when it changes; a missing or unreadable file means no offset.
 */
export function offsetFileClock(file: string): Clock {
  let version = '';
  let offset = 0;
  return {
    now() {
      try {
        const stat = statSync(file, { throwIfNoEntry: false });
        if (!stat) offset = 0;
        else if (`${stat.mtimeMs}:${stat.size}` !== version) {
          version = `${stat.mtimeMs}:${stat.size}`;
          const value = Number(readFileSync(file, 'utf8').trim());
          offset = Number.isFinite(value) ? value : 0;
        }
      } catch {
        offset = 0;
      }
      return Date.now() + offset;
    },
  };
}

/** The clock for a service: `CLOCK_OFFSET_FILE` set → offset clock, otherwise the system clock. */
export function clockFromEnv(env: { CLOCK_OFFSET_FILE?: string | undefined }): Clock {
  return env.CLOCK_OFFSET_FILE ? offsetFileClock(env.CLOCK_OFFSET_FILE) : systemClock;
}
