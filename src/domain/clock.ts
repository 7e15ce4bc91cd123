/** The time source, injectable so tests and simulations move time on purpose. */
export interface Clock {
  /**
   * Unix milliseconds. `corpid` asks for that corp's time: a clock that gives corps their own
   * time (SettableClock) answers per corp, every other clock ignores it.
   */
  now(corpid?: string): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that only moves when told to: for tests. */
export class ManualClock implements Clock {
  constructor(private ms: number) {}
  now(): number {
    return this.ms;
  }
  set(ms: number): void {
    this.ms = ms;
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}

/** How a settable clock tells time: running from its base with an offset, or stopped at one instant. */
export type TimeSetting = { frozen: false; offsetMs: number } | { frozen: true; atMs: number };

/** What a clock reads now, as the control API shows it. */
export interface ClockReading {
  nowMs: number;
  frozen: boolean;
}

const RUNNING: TimeSetting = { frozen: false, offsetMs: 0 };

/**
 * The control API's clock: a base clock (the system's, or a test's ManualClock) seen through a
 * setting — an offset or a frozen instant — for the whole server, and optionally one setting per
 * corp so parallel tests can travel in time without meeting. A corp without its own setting
 * follows the server's.
 */
export class SettableClock implements Clock {
  private global: TimeSetting = RUNNING;
  private readonly corps = new Map<string, TimeSetting>();

  constructor(private readonly base: Clock = systemClock) {}

  now(corpid?: string): number {
    return this.read(this.settingOf(corpid));
  }

  /** The reading of the server's clock, or of one corp's. */
  reading(corpid?: string): ClockReading {
    const setting = this.settingOf(corpid);
    return { nowMs: this.read(setting), frozen: setting.frozen };
  }

  /** Sets the time (and whether it stands still; default: as it was). */
  set(corpid: string | undefined, nowMs: number, frozen?: boolean): ClockReading {
    const stop = frozen ?? this.settingOf(corpid).frozen;
    this.put(corpid, stop ? { frozen: true, atMs: nowMs } : { frozen: false, offsetMs: nowMs - this.base.now() });
    return this.reading(corpid);
  }

  /** Moves the time forward (or back, for a negative amount); a frozen clock stays frozen. */
  advance(corpid: string | undefined, ms: number): ClockReading {
    const r = this.reading(corpid);
    return this.set(corpid, r.nowMs + ms, r.frozen);
  }

  /** A corp goes back to following the server's clock. */
  forgetCorp(corpid: string): void {
    this.corps.delete(corpid);
  }

  /** The server's clock runs from its base again and every corp follows it. */
  resetAll(): void {
    this.global = RUNNING;
    this.corps.clear();
  }

  private settingOf(corpid: string | undefined): TimeSetting {
    return (corpid === undefined ? undefined : this.corps.get(corpid)) ?? this.global;
  }

  private put(corpid: string | undefined, setting: TimeSetting): void {
    if (corpid === undefined) this.global = setting;
    else this.corps.set(corpid, setting);
  }

  private read(setting: TimeSetting): number {
    return setting.frozen ? setting.atMs : this.base.now() + setting.offsetMs;
  }
}
