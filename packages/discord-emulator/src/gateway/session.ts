import type { WebSocket } from 'ws';

/** A dispatch as sent on the wire (op 0). */
export interface DispatchFrame {
  op: 0;
  t: string;
  s: number;
  d: unknown;
}

/**
 * A gateway session: outlives its socket so that a RESUME can replay what was dispatched while the
 * shard was disconnected.
 */
export class GatewaySession {
  public socket: WebSocket | null = null;
  public seq = 0;
  public invalidated = false;
  private readonly buffer: DispatchFrame[] = [];

  public constructor(
    public readonly id: string,
    public readonly shardId: number,
    public readonly shardCount: number,
    private readonly bufferSize: number,
  ) {}

  /** Assigns the next sequence number, keeps the frame for replay, and sends it if connected. */
  public dispatch(t: string, d: unknown): DispatchFrame {
    const frame: DispatchFrame = { op: 0, t, s: ++this.seq, d };
    this.buffer.push(frame);
    if (this.buffer.length > this.bufferSize) this.buffer.shift();
    this.send(frame);
    return frame;
  }

  /** Frames after `seq`, or null when some were already dropped from the buffer (cannot resume). */
  public framesAfter(seq: number): DispatchFrame[] | null {
    const oldest = this.buffer[0]?.s ?? this.seq + 1;
    if (seq + 1 < oldest && seq < this.seq) return null;
    return this.buffer.filter((frame) => frame.s > seq);
  }

  public get connected(): boolean {
    return this.socket !== null && this.socket.readyState === this.socket.OPEN;
  }

  public send(payload: unknown): void {
    if (this.connected) this.socket?.send(JSON.stringify(payload));
  }
}
