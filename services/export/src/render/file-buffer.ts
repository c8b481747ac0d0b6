/**
 * A file's bytes, written chunk by chunk (text, as UTF-8) into one buffer. Told how far the writer has got, it makes room
 * for the whole file from the bytes per row so far, so a large file is not held twice at the end (its
 * chunks and then their concatenation). Room not yet written is not zero-filled and so costs no memory.
 */
export class FileBuffer {
  private data = Buffer.allocUnsafe(64 * 1024);
  private size = 0;

  /** Appends text as UTF-8. */
  write(text: string): void {
    const bytes = Buffer.byteLength(text, 'utf8');
    if (this.size + bytes > this.data.length) {
      this.resize(Math.max(this.size + bytes, Math.ceil(this.data.length * 1.5)));
    }
    this.size += this.data.write(text, this.size, 'utf8');
  }

  /** `done` of `total` rows are written: room for the rest at the bytes per row so far, with a margin. */
  progress(done: number, total: number): void {
    if (done <= 0 || done >= total) return;
    const expected = (this.size / done) * total;
    if (expected > this.data.length) this.resize(Math.ceil(expected * 1.25));
  }

  /** The bytes written (a view, not a copy). */
  bytes(): Buffer {
    return this.data.subarray(0, this.size);
  }

  private resize(capacity: number): void {
    const next = Buffer.allocUnsafe(capacity);
    this.data.copy(next, 0, 0, this.size);
    this.data = next;
  }
}
