/**
 * A least-recently-used map with a fixed number of entries: every in-process cache that is keyed
 * by something a request can choose (a locale, a time zone) goes through one, so no stream of
 * distinct values can grow the process.
 */
export class BoundedCache<K, V> {
  private readonly entries = new Map<K, V>();
  constructor(readonly maxEntries: number) {}

  get size() {
    return this.entries.size;
  }

  getOrCreate(key: K, create: (key: K) => V): V {
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      // Map keeps insertion order: moving a hit to the end makes the first entry the oldest.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const value = create(key);
    this.entries.set(key, value);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as K);
    return value;
  }
}
