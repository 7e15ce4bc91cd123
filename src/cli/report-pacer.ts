import { WeComApiError } from '../client/index.js';

const WINDOW_MS = 60_000;
const API_FREQ_OUT_OF_LIMIT = 45009;
// A minute block lasts 60 s, an hour block 60 min: waiting a window at a time covers both.
const MAX_RATE_LIMIT_WAITS = 61;

/** Time as the pacer sees it; tests pass a clock they move themselves. */
export interface PacerTime {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realTime: PacerTime = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * Keeps a report under WeCom's frequency limit (10,000 calls per minute per corp per API) by
 * counting its own calls in a sliding minute, and when WeCom answers 45009 anyway (other
 * programs share the corp's budget) waits for the window to pass and tries again.
 *
 * @example
 * const pacer = new Pacer(10_000, realTime, (ms) => console.error(`waiting ${ms} ms`));
 * const info = await pacer.call('get_living_info', () => client.living.getLivingInfo(id));
 */
export class Pacer {
  readonly #recent = new Map<string, number[]>();

  constructor(
    private readonly perMinute: number,
    private readonly time: PacerTime,
    private readonly onWait: (ms: number, reason: 'budget' | '45009') => void = () => undefined,
  ) {}

  async call<T>(api: string, fn: () => Promise<T>): Promise<T> {
    for (let waits = 0; ; waits++) {
      await this.#take(api);
      try {
        return await fn();
      } catch (err) {
        if (!(err instanceof WeComApiError) || err.errcode !== API_FREQ_OUT_OF_LIMIT || waits >= MAX_RATE_LIMIT_WAITS) throw err;
        this.onWait(WINDOW_MS, '45009');
        await this.time.sleep(WINDOW_MS);
      }
    }
  }

  async #take(api: string): Promise<void> {
    const times = this.#recent.get(api) ?? [];
    this.#recent.set(api, times);
    for (;;) {
      const now = this.time.now();
      while (times.length > 0 && (times[0] ?? 0) <= now - WINDOW_MS) times.shift();
      if (times.length < this.perMinute) {
        times.push(now);
        return;
      }
      const wait = (times[0] ?? now) + WINDOW_MS - now;
      this.onWait(wait, 'budget');
      await this.time.sleep(wait);
    }
  }
}
