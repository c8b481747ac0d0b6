/** Discord's epoch (2015-01-01T00:00:00Z), the zero of every snowflake timestamp. */
export const DISCORD_EPOCH = 1_420_070_400_000n;

/** Which shard a guild's events go to: `(guild_id >> 22) % shard_count` (DMs go to shard 0). */
export function shardForGuild(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/** The creation time encoded in a snowflake, in epoch milliseconds. */
export function snowflakeTimestamp(id: string): number {
  return Number((BigInt(id) >> 22n) + DISCORD_EPOCH);
}

/**
 * Generates strictly increasing snowflakes from the wall clock. The REST client only treats 17–19
 * digit numbers as ids when it computes rate-limit buckets, so ids must look like Discord's.
 */
export class SnowflakeGenerator {
  private last = 0n;
  private increment = 0n;

  public constructor(private readonly now: () => number = Date.now) {}

  public next(): string {
    const timestamp = BigInt(this.now()) - DISCORD_EPOCH;
    this.increment = (this.increment + 1n) & 0xfffn;
    let id = (timestamp << 22n) | (1n << 17n) | (1n << 12n) | this.increment;
    if (id <= this.last) id = this.last + 1n;
    this.last = id;
    return id.toString();
  }

  /** A fresh id whose guild shard, for `shardCount` shards, is `shardId`. */
  public nextForShard(shardId: number, shardCount: number): string {
    const base = BigInt(this.next());
    const count = BigInt(shardCount);
    const current = (base >> 22n) % count;
    const shift = (BigInt(shardId) - current + count) % count;
    // Moving the timestamp forward by `shift` ms lands on the wanted shard and keeps ids increasing.
    const id = base + (shift << 22n);
    if (id > this.last) this.last = id;
    return id.toString();
  }
}
