import type { Redis } from 'ioredis';
import { licenseKeys } from '../model/keys';

/** Sets the key to ARGV[1] when that is later than what it holds; returns the later of the two. */
const ADVANCE_SCRIPT = `
local seen = tonumber(redis.call('GET', KEYS[1]) or '0')
local now = tonumber(ARGV[1])
if now > seen then
  redis.call('SET', KEYS[1], ARGV[1])
  return ARGV[1]
end
return tostring(seen)
`;

/**
 * The license's memory across restarts: the last valid verdict (so the gateway keeps serving through a
 * short sidecar restart) and the latest time seen (so a clock moved back neither un-expires a license
 * nor stretches the grace period).
 */
export class LicenseVerdictStore {
  constructor(private readonly redis: Redis) {}

  /** Records `now` as seen and returns max(now, the latest time seen before). */
  async observeTime(now: number): Promise<number> {
    const result = await this.redis.eval(
      ADVANCE_SCRIPT,
      1,
      licenseKeys.latestTimeSeen(),
      String(Math.floor(now)),
    );
    return Number(result);
  }

  /** The latest time seen, or 0 when none was recorded. */
  async latestTimeSeen(): Promise<number> {
    return Number((await this.redis.get(licenseKeys.latestTimeSeen())) ?? 0);
  }

  /** Keeps a valid verdict (as the JSON the sidecar published). */
  async saveGoodVerdict(verdictJson: string): Promise<void> {
    await this.redis.set(licenseKeys.lastGoodVerdict(), verdictJson);
  }

  /** The last valid verdict's JSON, or undefined. */
  async lastGoodVerdict(): Promise<string | undefined> {
    return (await this.redis.get(licenseKeys.lastGoodVerdict())) ?? undefined;
  }
}
