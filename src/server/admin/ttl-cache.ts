/**
 * Results kept for a few seconds by key. It holds promises, so concurrent requests for the
 * same live share one computation instead of each scanning a million rows; a failure is
 * not kept.
 */
export class TtlCache<T> {
  private readonly entries = new Map<string, { until: number; value: Promise<T> }>();

  constructor(private readonly ttlMs: number) {}

  get(key: string, nowMs: number, compute: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && hit.until > nowMs) return hit.value;
    for (const [k, e] of this.entries) if (e.until <= nowMs) this.entries.delete(k);
    const value = compute();
    this.entries.set(key, { until: nowMs + this.ttlMs, value });
    value.catch(() => this.entries.delete(key));
    return value;
  }
}
