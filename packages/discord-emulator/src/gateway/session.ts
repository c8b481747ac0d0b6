import type { WebSocket } from 'ws';

/** A dispatch as sent on the wire (op 0). */
export interface DispatchFrame {
  op: 0;
  t: string;
  s: number;
  d: unknown;
}

/** A dispatch kept for replay, already serialised (a string is cheap to keep; the payload can go). */
interface KeptFrame {
  readonly s: number;
  readonly json: string;
}

/**
 * A gateway session: outlives its socket so that a RESUME can replay what was dispatched while the
 * shard was disconnected.
 */
export class GatewaySession {
  public socket: WebSocket | null = null;
  public seq = 0;
  public invalidated = false;
  private readonly buffer: KeptFrame[] = [];

  public constructor(
    public readonly id: string,
    public readonly shardId: number,
    public readonly shardCount: number,
    private readonly bufferSize: number,
  ) {}

  /** Assigns the next sequence number, keeps the frame for replay, sends it if connected; returns the sequence. */
  public dispatch(t: string, d: unknown): number {
    const frame: DispatchFrame = { op: 0, t, s: ++this.seq, d };
    const json = JSON.stringify(frame);
    this.buffer.push({ s: frame.s, json });
    if (this.buffer.length > this.bufferSize) this.buffer.shift();
    this.sendRaw(json);
    return frame.s;
  }

  /** Frames (as sent) after `seq`, or null when some were already dropped from the buffer (cannot resume). */
  public framesAfter(seq: number): string[] | null {
    const oldest = this.buffer[0]?.s ?? this.seq + 1;
    if (seq + 1 < oldest && seq < this.seq) return null;
    return this.buffer.filter((frame) => frame.s > seq).map((frame) => frame.json);
  }

  public get connected(): boolean {
    return this.socket !== null && this.socket.readyState === this.socket.OPEN;
  }

  public send(payload: unknown): void {
    this.sendRaw(JSON.stringify(payload));
  }

  private sendRaw(json: string): void {
    if (this.connected) this.socket?.send(json);
  }
}
