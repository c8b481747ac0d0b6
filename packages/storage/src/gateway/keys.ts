/**
 * Redis keys of the gateway. They are process-wide (not per guild), so they carry no guild hash tag;
 * each one is read and written on its own, never together in a script.
 */
export const GATEWAY_KEY_PREFIX = 'tk:gateway:';

function checkShard(shardId: number): number {
  if (!Number.isSafeInteger(shardId) || shardId < 0) throw new RangeError(`invalid shard id: ${shardId}`);
  return shardId;
}

export const gatewayKeys = {
  /** string: JSON session (id, sequence, resume URL, shard count) of one shard, for RESUME after a restart */
  session: (shardId: number): string => `${GATEWAY_KEY_PREFIX}session:${checkShard(shardId)}`,
  /** string with a TTL: held for the identify spacing after an IDENTIFY in this concurrency bucket */
  identifyBucket: (maxConcurrency: number, bucket: number): string =>
    `${GATEWAY_KEY_PREFIX}identify:${checkShard(maxConcurrency)}:${checkShard(bucket)}`,
  /** sorted set: one member per IDENTIFY of this shard, scored by time (ms) — the crash-loop guard */
  identifyLog: (shardId: number): string => `${GATEWAY_KEY_PREFIX}identify-log:${checkShard(shardId)}`,
  /** string with a TTL: the interaction got its first answer (skips it when a RESUME replays it) */
  answered: (interactionId: string): string => {
    if (!/^\d{1,20}$/.test(interactionId)) throw new RangeError(`invalid interaction id: ${interactionId}`);
    return `${GATEWAY_KEY_PREFIX}answered:${interactionId}`;
  },
  /** prefix of the rate-limit counters (rate-limiter-flexible's layout), then `user:<id>` or `guild:<id>` */
  rateLimitPrefix: `${GATEWAY_KEY_PREFIX}rl`,
} as const;
