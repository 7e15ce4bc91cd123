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

/** A settable clock's settings as plain data: what the processes of one database share. */
export interface ClockSettings {
  global: TimeSetting;
  corps: [string, TimeSetting][];
}

/**
 * The control API's clock: a base clock (the system's, or a test's ManualClock) seen through a
 * setting — an offset or a frozen instant — for the whole server, and optionally one setting per
 * corp so parallel tests can travel in time without meeting. A corp without its own setting
 * follows the server's.
 */
export class SettableClock implements Clock {
  private global: TimeSetting = RUNNING;
  private readonly corps = new Map<string, TimeSetting>();
  private changeCount = 0;

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
    if (this.corps.delete(corpid)) this.changeCount++;
  }

  /** The server's clock runs from its base again and every corp follows it. */
  resetAll(): void {
    this.global = RUNNING;
    this.corps.clear();
    this.changeCount++;
  }

  /** Counts changes of the settings, so a sync can tell whether there is anything to share. */
  get changes(): number {
    return this.changeCount;
  }

  /**
   * The settings as data. An offset is relative to this process's base clock; processes on one
   * database read the same system time, so the same offset gives the same time everywhere.
   */
  settings(): ClockSettings {
    return { global: { ...this.global }, corps: [...this.corps].map(([c, s]) => [c, { ...s }]) };
  }

  /** Takes another process's settings (not counted as a change of this one). */
  adopt(settings: ClockSettings): void {
    this.global = { ...settings.global };
    this.corps.clear();
    for (const [c, s] of settings.corps) this.corps.set(c, { ...s });
  }

  private settingOf(corpid: string | undefined): TimeSetting {
    return (corpid === undefined ? undefined : this.corps.get(corpid)) ?? this.global;
  }

  private put(corpid: string | undefined, setting: TimeSetting): void {
    this.changeCount++;
    if (corpid === undefined) this.global = setting;
    else this.corps.set(corpid, setting);
  }

  private read(setting: TimeSetting): number {
    return setting.frozen ? setting.atMs : this.base.now() + setting.offsetMs;
  }
}
