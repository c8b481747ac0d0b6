/**
 * A size-bounded Map that forgets its oldest writes first. For hints only (a forgotten entry costs a
 * read, never a wrong result). Unlike lru-cache, which preallocates arrays of `max` slots and refills
 * all of them whenever it empties (every time its last entry is deleted), each operation is O(1).
 */
export class RecentMap<K, V> {
  private readonly map = new Map<K, V>();

  constructor(readonly max: number) {}

  get(key: K): V | undefined {
    return this.map.get(key);
  }

  set(key: K, value: V): void {
    // Re-inserting moves the key to the newest end.
    if (!this.map.delete(key) && this.map.size >= this.max) {
      this.map.delete(this.map.keys().next().value as K);
    }
    this.map.set(key, value);
  }

  delete(key: K): boolean {
    return this.map.delete(key);
  }

  get size(): number {
    return this.map.size;
  }
}
