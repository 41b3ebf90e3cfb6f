/**
 * A short-lived memory of resolved credentials, so a read does not pay for the session lookup every time
 * (bench: the lookup is most of an authenticated read's cost). The database stays the source of truth:
 * every committed command clears the cache in this process, and an entry lives at most `ttlMs`, which
 * bounds how long another instance may act on a revoked session or role.
 */
export class PrincipalCache<V> {
  readonly #entries = new Map<string, { value: V; until: number }>();

  constructor(
    private readonly ttlMs = 2000,
    private readonly maxEntries = 10_000,
  ) {}

  async get(key: string, now: number, load: () => Promise<V>): Promise<V> {
    const hit = this.#entries.get(key);
    if (hit && hit.until > now) return hit.value;
    const value = await load();
    if (this.#entries.size >= this.maxEntries) this.#entries.clear();
    this.#entries.set(key, { value, until: now + this.ttlMs });
    return value;
  }

  clear(): void {
    this.#entries.clear();
  }
}
