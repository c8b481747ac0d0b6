/**
 * The sessions an export covers, held compactly while it runs: times, flags and indexes in typed arrays,
 * session ids as bytes, each member id and category once. 100,000 sessions take about 5 MB, almost all
 * of it outside the JS heap, so the garbage collector has little to copy while pages are read.
 */
import type { SessionFlags } from '@timekeeper/storage';
import type { ExportSession } from './timesheet';

const FORCED = 1;
const AUTO_CLOSED = 2;
const EDITED = 4;
const NEEDS_REVIEW = 8;

export class SessionTable implements Iterable<ExportSession> {
  private count = 0;
  private starts = new Float64Array(1024);
  private ends = new Float64Array(1024);
  private users = new Uint32Array(1024);
  private categories = new Uint32Array(1024);
  private flagBits = new Uint8Array(1024);
  /** Session ids as UTF-8, back to back; `idEnds[i]` is where id i ends. */
  private ids = Buffer.allocUnsafe(64 * 1024);
  private idEnds = new Uint32Array(1024);
  /** Member ids and category keys, each once; the columns hold their index. */
  private readonly strings: string[] = [];
  private readonly stringIndex = new Map<string, number>();
  /** The rare texts, by row: notes, who forced the clock-out, reasons. */
  private readonly notes = new Map<number, string>();
  private readonly closers = new Map<number, string>();
  private readonly reasons = new Map<number, string>();

  static of(sessions: Iterable<ExportSession>): SessionTable {
    if (sessions instanceof SessionTable) return sessions;
    const table = new SessionTable();
    for (const s of sessions) table.add(s);
    return table;
  }

  get length(): number {
    return this.count;
  }

  add(s: ExportSession): void {
    const i = this.count;
    if (i === this.starts.length) this.grow();
    const idStart = i === 0 ? 0 : this.idEnds[i - 1]!;
    const idBytes = Buffer.byteLength(s.id, 'utf8');
    if (idStart + idBytes > this.ids.length) {
      const ids = Buffer.allocUnsafe(Math.max(this.ids.length * 2, idStart + idBytes));
      this.ids.copy(ids, 0, 0, idStart);
      this.ids = ids;
    }
    this.idEnds[i] = idStart + this.ids.write(s.id, idStart, 'utf8');
    this.starts[i] = s.start;
    this.ends[i] = s.end;
    this.users[i] = this.intern(s.userId);
    this.categories[i] = this.intern(s.category);
    const f = s.flags;
    this.flagBits[i] =
      (f.forced ? FORCED : 0) |
      (f.autoClosed ? AUTO_CLOSED : 0) |
      (f.edited ? EDITED : 0) |
      (f.needsReview ? NEEDS_REVIEW : 0);
    if (s.description !== undefined) this.notes.set(i, s.description);
    if (s.closedBy !== undefined) this.closers.set(i, s.closedBy);
    if (s.reason !== undefined) this.reasons.set(i, s.reason);
    this.count++;
  }

  id(i: number): string {
    return this.ids.toString('utf8', i === 0 ? 0 : this.idEnds[i - 1], this.idEnds[i]);
  }

  userId(i: number): string {
    return this.strings[this.users[i]!]!;
  }

  category(i: number): string {
    return this.strings[this.categories[i]!]!;
  }

  start(i: number): number {
    return this.starts[i]!;
  }

  end(i: number): number {
    return this.ends[i]!;
  }

  flags(i: number): SessionFlags {
    return FLAGS[this.flagBits[i]!]!;
  }

  description(i: number): string | undefined {
    return this.notes.get(i);
  }

  closedBy(i: number): string | undefined {
    return this.closers.get(i);
  }

  reason(i: number): string | undefined {
    return this.reasons.get(i);
  }

  /** Session i as an object (made on each call). */
  at(i: number): ExportSession {
    const description = this.description(i);
    const closedBy = this.closedBy(i);
    const reason = this.reason(i);
    return {
      id: this.id(i),
      userId: this.userId(i),
      category: this.category(i),
      start: this.start(i),
      end: this.end(i),
      flags: this.flags(i),
      ...(description === undefined ? {} : { description }),
      ...(closedBy === undefined ? {} : { closedBy }),
      ...(reason === undefined ? {} : { reason }),
    };
  }

  *[Symbol.iterator](): Iterator<ExportSession> {
    for (let i = 0; i < this.count; i++) yield this.at(i);
  }

  private intern(value: string): number {
    let index = this.stringIndex.get(value);
    if (index === undefined) {
      index = this.strings.push(value) - 1;
      this.stringIndex.set(value, index);
    }
    return index;
  }

  private grow(): void {
    const size = this.starts.length * 2;
    const grown = <T extends Float64Array | Uint32Array | Uint8Array>(from: T, to: T): T => {
      to.set(from);
      return to;
    };
    this.starts = grown(this.starts, new Float64Array(size));
    this.ends = grown(this.ends, new Float64Array(size));
    this.users = grown(this.users, new Uint32Array(size));
    this.categories = grown(this.categories, new Uint32Array(size));
    this.flagBits = grown(this.flagBits, new Uint8Array(size));
    this.idEnds = grown(this.idEnds, new Uint32Array(size));
  }
}

/** The 16 combinations of flags, shared by every row that has them. */
const FLAGS: readonly SessionFlags[] = Array.from({ length: 16 }, (_, bits) => ({
  forced: (bits & FORCED) !== 0,
  autoClosed: (bits & AUTO_CLOSED) !== 0,
  edited: (bits & EDITED) !== 0,
  needsReview: (bits & NEEDS_REVIEW) !== 0,
}));
