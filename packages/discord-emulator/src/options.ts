import type { KeyObject } from 'node:crypto';

/** A source of "now" in epoch milliseconds; injected to test the 3 s and 15 min interaction deadlines. */
export type Clock = () => number;

/** Ed25519 key pair used to sign HTTP interaction deliveries (hex: raw 32-byte keys). */
export interface SigningKeyPair {
  publicKey: KeyObject;
  privateKey: KeyObject;
}

export interface EmulatorOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port: number;
  /** Interface to bind; default 127.0.0.1. */
  host: string;
  /** Token the bot must present (`Authorization: Bot <token>`, gateway IDENTIFY). */
  botToken: string;
  applicationId: string;
  botUserId: string;
  botUsername: string;
  /** HELLO heartbeat interval (ms). Small values make zombie detection testable quickly. */
  heartbeatInterval: number;
  /** `shards` recommended by `GET /gateway/bot`. */
  recommendedShards: number;
  /** `session_start_limit.max_concurrency`; keep it ≥ the test shard count or @discordjs/ws spaces IDENTIFYs 5 s apart. */
  maxConcurrency: number;
  /** `session_start_limit.total` (IDENTIFYs per window). */
  sessionStartLimit: number;
  /** `session_start_limit.reset_after` window in ms. */
  sessionStartResetAfter: number;
  /** Where interactions are POSTed (signed) instead of being dispatched over the gateway. */
  interactionsEndpointUrl: string | null;
  /** Key pair for signed delivery; generated at start when absent. */
  signingKeyPair: SigningKeyPair | null;
  clock: Clock;
  /** Whether to reject callbacks after 3 s and webhook calls after 15 min. */
  enforceDeadlines: boolean;
  /** Per-route rate-limit bucket: `limit` requests per `windowMs`, announced in `X-RateLimit-*`. */
  rateLimit: { limit: number; windowMs: number };
  /** Dispatches kept per session for RESUME replay. */
  replayBufferSize: number;
}

export const DefaultEmulatorOptions = {
  port: 0,
  host: '127.0.0.1',
  botToken: 'emulator-bot-token',
  applicationId: '1100000000000000001',
  botUserId: '1100000000000000001',
  botUsername: 'Timekeeper',
  heartbeatInterval: 41_250,
  recommendedShards: 1,
  maxConcurrency: 16,
  sessionStartLimit: 1000,
  sessionStartResetAfter: 86_400_000,
  interactionsEndpointUrl: null,
  signingKeyPair: null,
  clock: Date.now,
  enforceDeadlines: true,
  rateLimit: { limit: 50, windowMs: 1000 },
  replayBufferSize: 1000,
} as const satisfies EmulatorOptions;

export type EmulatorStartOptions = Partial<EmulatorOptions>;

/** Discord's interaction deadlines. */
export const INITIAL_RESPONSE_DEADLINE_MS = 3000;
export const INTERACTION_TOKEN_LIFETIME_MS = 15 * 60 * 1000;
