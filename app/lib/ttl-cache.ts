import { LRUCache } from "lru-cache";

export interface TtlCacheOptions {
  /** Most entries kept; past it the least recently used one goes. */
  max: number;
  /**
   * How long an entry is served, in milliseconds. A function is read again at
   * every load (for a setting that may change while the process runs). 0 keeps
   * nothing: every `get` loads. Left out: an entry stays until evicted.
   */
  ttlMs?: number | (() => number);
  /** The clock, in milliseconds (tests pass a fake one). Defaults to `performance.now()`. */
  now?: () => number;
}

/** Loads a value; `undefined` means there is nothing to keep (an unknown key is never cached). */
type Load<V> = () => Promise<V | undefined>;

/**
 * The one in-process cache: bounded, each entry fresh for a time, and one load
 * per key at a time (concurrent `get`s of a key share its promise). A load that
 * fails leaves nothing behind, so the next `get` tries again. A thin typed layer
 * over `lru-cache` (docs/decisions/0021-caches-and-counting.md).
 */
export class TtlCache<K extends NonNullable<unknown>, V extends NonNullable<unknown>> {
  readonly #entries: LRUCache<K, V, Load<V>>;
  readonly #ttlMs: () => number | undefined;

  constructor(options: TtlCacheOptions) {
    const { ttlMs } = options;
    this.#ttlMs = typeof ttlMs === "function" ? ttlMs : () => ttlMs;
    this.#entries = new LRUCache<K, V, Load<V>>({
      max: options.max,
      fetchMethod: (_key, _stale, { context }) => context(),
      // A given clock is read at every check (by default lru-cache reuses a reading for 1 ms).
      ...(options.now ? { perf: { now: options.now }, ttlResolution: 0 } : {}),
    });
  }

  /**
   * The value for `key`: kept if still fresh, else loaded by `load` (once, however many ask at
   * the same time). `ttlMs` is how long a value loaded now is served, if not the cache's own.
   */
  get(key: K, load: () => Promise<V>, ttlMs?: number): Promise<V>;
  get(key: K, load: Load<V>, ttlMs?: number): Promise<V | undefined>;
  async get(key: K, load: Load<V>, ttlMs?: number): Promise<V | undefined> {
    const ttl = ttlMs ?? this.#ttlMs();
    if (ttl === 0) return load();
    // lru-cache counts a ttl of 0 as "never expires".
    return this.#entries.fetch(key, { context: load, ttl: ttl ?? 0 });
  }

  /** The same for a value computed synchronously. */
  remember(key: K, compute: () => V): V {
    const ttl = this.#ttlMs();
    if (ttl === 0) return compute();
    const known = this.#entries.get(key);
    if (known !== undefined) return known;
    const value = compute();
    this.#entries.set(key, value, { ttl: ttl ?? 0 });
    return value;
  }

  delete(key: K): void {
    this.#entries.delete(key);
  }

  clear(): void {
    this.#entries.clear();
  }

  get size(): number {
    return this.#entries.size;
  }
}
