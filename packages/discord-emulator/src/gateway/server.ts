import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { GatewayCloseCodes, GatewayOpcodes, type APIUser } from 'discord-api-types/v10';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { EmulatorControlError } from '../errors';
import { GatewaySession } from './session';

/** What the gateway needs from the rest of the emulator. */
export interface GatewayWorld {
  botToken: string;
  applicationId: string;
  heartbeatInterval: number;
  replayBufferSize: number;
  gatewayUrl(): string;
  botUser(): APIUser;
  guildIdsForShard(shardId: number, shardCount: number): string[];
  guildCreatePayload(guildId: string): unknown;
  /** Spends one session start; false when the budget is exhausted. */
  consumeSessionStart(): boolean;
  changed(): void;
}

export interface ShardStats {
  shardId: number;
  identifies: number;
  resumes: number;
  heartbeats: number;
  connected: boolean;
  sessionId: string | null;
  seq: number;
  /** READY or RESUMED sent on the current connection. */
  ready: boolean;
}

interface Connection {
  socket: WebSocket;
  session: GatewaySession | null;
  ready: boolean;
  closingByServer: boolean;
}

/** The gateway: HELLO, IDENTIFY/READY, heartbeats, RESUME with replay, and fault switches per shard. */
export class GatewayServer {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sessions = new Map<string, GatewaySession>();
  private readonly shardSessions = new Map<number, GatewaySession>();
  private readonly connections = new Set<Connection>();
  private readonly stats = new Map<number, ShardStats>();
  private readonly acksDisabled = new Set<number>();
  private allAcksDisabled = false;

  public constructor(private readonly world: GatewayWorld) {}

  public handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    // The client appends `?v=10&encoding=json`; any path and query is accepted.
    this.wss.handleUpgrade(request, socket, head, (ws) => this.onConnection(ws));
  }

  /** Shard count the bot identified with (the last IDENTIFY), or null before any. */
  public identifiedShardCount(): number | null {
    for (const session of this.shardSessions.values()) return session.shardCount;
    return null;
  }

  /** Sends a dispatch on a shard's current session; buffered for replay when the shard is disconnected. */
  public dispatch(shardId: number, t: string, d: unknown): { seq: number; live: boolean } {
    const session = this.shardSessions.get(shardId);
    if (!session || session.invalidated)
      throw new EmulatorControlError(409, `No session for shard ${shardId}`);
    const seq = session.dispatch(t, d);
    this.statsFor(shardId).seq = session.seq;
    return { seq, live: session.connected };
  }

  public hasSession(shardId: number): boolean {
    const session = this.shardSessions.get(shardId);
    return session !== undefined && !session.invalidated;
  }

  public shardStats(): ShardStats[] {
    return [...this.stats.values()].sort((a, b) => a.shardId - b.shardId).map((s) => ({ ...s }));
  }

  /** Closes the shard's socket with any code; the session stays resumable unless `invalidate`. */
  public closeShard(
    shardId: number,
    code: number,
    options: { reason?: string; invalidate?: boolean } = {},
  ): void {
    const connection = this.connectionFor(shardId);
    if (options.invalidate && connection.session) connection.session.invalidated = true;
    connection.closingByServer = true;
    connection.socket.close(code, options.reason ?? 'closed by emulator');
  }

  public sendReconnect(shardId: number): void {
    this.sendOp(shardId, { op: GatewayOpcodes.Reconnect, d: null, s: null, t: null });
  }

  public sendInvalidSession(shardId: number, resumable: boolean): void {
    const connection = this.connectionFor(shardId);
    if (!resumable && connection.session) connection.session.invalidated = true;
    connection.socket.send(
      JSON.stringify({ op: GatewayOpcodes.InvalidSession, d: resumable, s: null, t: null }),
    );
  }

  /** Asks the client for an immediate heartbeat (op 1 from the server). */
  public requestHeartbeat(shardId: number): void {
    this.sendOp(shardId, { op: GatewayOpcodes.Heartbeat, d: null, s: null, t: null });
  }

  /** Stops (or resumes) HEARTBEAT_ACKs for one shard, or for all when `shardId` is null. */
  public setHeartbeatAcks(shardId: number | null, enabled: boolean): void {
    if (shardId === null) {
      this.allAcksDisabled = !enabled;
      if (enabled) this.acksDisabled.clear();
    } else if (enabled) this.acksDisabled.delete(shardId);
    else this.acksDisabled.add(shardId);
  }

  public async close(): Promise<void> {
    for (const connection of this.connections) connection.socket.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private statsFor(shardId: number): ShardStats {
    let stats = this.stats.get(shardId);
    if (!stats) {
      stats = {
        shardId,
        identifies: 0,
        resumes: 0,
        heartbeats: 0,
        connected: false,
        sessionId: null,
        seq: 0,
        ready: false,
      };
      this.stats.set(shardId, stats);
    }
    return stats;
  }

  private connectionFor(shardId: number): Connection {
    for (const connection of this.connections) {
      if (connection.session?.shardId === shardId && connection.socket.readyState === connection.socket.OPEN)
        return connection;
    }
    throw new EmulatorControlError(409, `Shard ${shardId} is not connected`);
  }

  private sendOp(shardId: number, payload: unknown): void {
    this.connectionFor(shardId).socket.send(JSON.stringify(payload));
  }

  private onConnection(socket: WebSocket): void {
    const connection: Connection = { socket, session: null, ready: false, closingByServer: false };
    this.connections.add(connection);
    socket.on('message', (data) => this.onMessage(connection, data));
    socket.on('close', (code) => this.onClose(connection, code));
    socket.on('error', () => socket.terminate());
    socket.send(
      JSON.stringify({
        op: GatewayOpcodes.Hello,
        d: { heartbeat_interval: this.world.heartbeatInterval },
        s: null,
        t: null,
      }),
    );
  }

  private onClose(connection: Connection, code: number): void {
    this.connections.delete(connection);
    const session = connection.session;
    if (!session) return;
    if (session.socket === connection.socket) {
      session.socket = null;
      const stats = this.statsFor(session.shardId);
      stats.connected = false;
      stats.ready = false;
    }
    // A client closing with 1000/1001 ends its session, as on Discord; other codes keep it resumable.
    if (!connection.closingByServer && (code === 1000 || code === 1001)) session.invalidated = true;
    this.world.changed();
  }

  private onMessage(connection: Connection, data: RawData): void {
    let payload: { op?: unknown; d?: unknown };
    try {
      payload = JSON.parse(data.toString()) as { op?: unknown; d?: unknown };
    } catch {
      this.closeWith(connection, GatewayCloseCodes.DecodeError, 'Error while decoding payload.');
      return;
    }
    switch (payload.op) {
      case GatewayOpcodes.Heartbeat:
        return this.onHeartbeat(connection);
      case GatewayOpcodes.Identify:
        return this.onIdentify(connection, (payload.d ?? {}) as IdentifyData);
      case GatewayOpcodes.Resume:
        return this.onResume(connection, (payload.d ?? {}) as ResumeData);
      case GatewayOpcodes.PresenceUpdate:
      case GatewayOpcodes.VoiceStateUpdate:
      case GatewayOpcodes.RequestGuildMembers:
      case GatewayOpcodes.RequestSoundboardSounds:
        if (!connection.session)
          this.closeWith(connection, GatewayCloseCodes.NotAuthenticated, 'Not authenticated.');
        return;
      default:
        this.closeWith(connection, GatewayCloseCodes.UnknownOpcode, 'Unknown opcode.');
    }
  }

  private onHeartbeat(connection: Connection): void {
    const shardId = connection.session?.shardId;
    if (shardId !== undefined) this.statsFor(shardId).heartbeats++;
    const disabled = this.allAcksDisabled || (shardId !== undefined && this.acksDisabled.has(shardId));
    if (!disabled)
      connection.socket.send(JSON.stringify({ op: GatewayOpcodes.HeartbeatAck, d: null, s: null, t: null }));
    this.world.changed();
  }

  private onIdentify(connection: Connection, data: IdentifyData): void {
    if (connection.session)
      return this.closeWith(connection, GatewayCloseCodes.AlreadyAuthenticated, 'Already authenticated.');
    if (data.token !== this.world.botToken && data.token !== `Bot ${this.world.botToken}`) {
      return this.closeWith(connection, GatewayCloseCodes.AuthenticationFailed, 'Authentication failed.');
    }
    const [shardId, shardCount] = data.shard ?? [0, 1];
    if (
      !Number.isInteger(shardId) ||
      !Number.isInteger(shardCount) ||
      shardCount < 1 ||
      shardId < 0 ||
      shardId >= shardCount
    ) {
      return this.closeWith(connection, GatewayCloseCodes.InvalidShard, 'Invalid shard.');
    }
    if (!this.world.consumeSessionStart()) {
      return this.closeWith(connection, GatewayCloseCodes.RateLimited, 'Session start limit reached.');
    }
    const session = new GatewaySession(
      randomBytes(16).toString('hex'),
      shardId,
      shardCount,
      this.world.replayBufferSize,
    );
    this.sessions.set(session.id, session);
    const previous = this.shardSessions.get(shardId);
    if (previous) this.sessions.delete(previous.id);
    this.shardSessions.set(shardId, session);
    this.attach(connection, session);
    const stats = this.statsFor(shardId);
    stats.identifies++;
    const guildIds = this.world.guildIdsForShard(shardId, shardCount);
    session.dispatch('READY', {
      v: 10,
      user: this.world.botUser(),
      guilds: guildIds.map((id) => ({ id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: this.world.gatewayUrl(),
      shard: [shardId, shardCount],
      application: { id: this.world.applicationId, flags: 0 },
    });
    connection.ready = true;
    stats.ready = true;
    for (const guildId of guildIds) session.dispatch('GUILD_CREATE', this.world.guildCreatePayload(guildId));
    stats.seq = session.seq;
    this.world.changed();
  }

  private onResume(connection: Connection, data: ResumeData): void {
    if (connection.session)
      return this.closeWith(connection, GatewayCloseCodes.AlreadyAuthenticated, 'Already authenticated.');
    if (data.token !== this.world.botToken && data.token !== `Bot ${this.world.botToken}`) {
      return this.closeWith(connection, GatewayCloseCodes.AuthenticationFailed, 'Authentication failed.');
    }
    const session = typeof data.session_id === 'string' ? this.sessions.get(data.session_id) : undefined;
    const frames = session && !session.invalidated ? session.framesAfter(Number(data.seq ?? 0)) : null;
    if (!session || !frames) {
      connection.socket.send(
        JSON.stringify({ op: GatewayOpcodes.InvalidSession, d: false, s: null, t: null }),
      );
      return;
    }
    // A session has one socket: a stale one still open is cut off.
    if (session.socket && session.socket !== connection.socket) session.socket.terminate();
    this.attach(connection, session);
    for (const frame of frames) connection.socket.send(frame);
    session.dispatch('RESUMED', null);
    connection.ready = true;
    const stats = this.statsFor(session.shardId);
    stats.resumes++;
    stats.ready = true;
    stats.seq = session.seq;
    this.world.changed();
  }

  private attach(connection: Connection, session: GatewaySession): void {
    connection.session = session;
    session.socket = connection.socket;
    const stats = this.statsFor(session.shardId);
    stats.connected = true;
    stats.sessionId = session.id;
  }

  private closeWith(connection: Connection, code: number, reason: string): void {
    connection.closingByServer = true;
    connection.socket.close(code, reason);
  }
}

interface IdentifyData {
  token?: unknown;
  shard?: [number, number];
}

interface ResumeData {
  token?: unknown;
  session_id?: unknown;
  seq?: unknown;
}
