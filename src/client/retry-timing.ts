/** First backoff delay, in ms. */
export const INITIAL_RETRY_DELAY_MS = 500;
/** The backoff never waits longer than this, in ms. */
export const MAX_RETRY_DELAY_MS = 8_000;
/** A server's Retry-After is honoured up to this, in ms; beyond it we fall back to backoff. */
const MAX_RETRY_AFTER_MS = 60_000;

/**
 * How long to wait before retry number `retriesSoFar + 1`: 0.5 s doubling to 8 s, minus up
 * to 25% jitter so that many clients failing together do not retry together.
 *
 * @example
 * retryDelayMs(0, () => 0) // 500
 * retryDelayMs(5, () => 0) // 8000
 */
export function retryDelayMs(retriesSoFar: number, random: () => number, retryAfterMs?: number): number {
  if (retryAfterMs !== undefined && retryAfterMs >= 0 && retryAfterMs <= MAX_RETRY_AFTER_MS) {
    return retryAfterMs;
  }
  const base = Math.min(INITIAL_RETRY_DELAY_MS * 2 ** retriesSoFar, MAX_RETRY_DELAY_MS);
  return base * (1 - random() * 0.25);
}

/** Parses a `Retry-After` header (seconds or an HTTP date) into ms. */
export function parseRetryAfter(header: string | null, now: number): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
