import type { ClockSettings } from '../../domain/clock.js';
import type { FaultPlanState } from '../../domain/fault-plan.js';
import { type JournalFilter, type JournalRecord, filterRecords } from '../../domain/journal.js';
import type { ControlStore, JournalName } from '../../store/control-rows.js';
import type { ControlState } from './control-state.js';

/** How often a process that believes itself alone looks for another on its database. */
const DEFAULT_POLL_MS = 250;

interface SharedState {
  clock?: ClockSettings;
  faults?: FaultPlanState;
}

/**
 * Makes the clock, the faults and the journals act on the whole service when several processes
 * share one database. The shared copy is one row with an epoch that every change bumps; a
 * process keeps its own copy and the epoch it last saw.
 *
 * - Alone (the usual case) a process pays nothing per call: a background read of the epoch every
 *   250 ms notices another process, which announces itself by writing its start state.
 * - Once it has seen another process, `fresh()` runs before every call: one read of the epoch
 *   (CONTROL_EPOCH_SQL), shared by every call that arrived while the previous read was out, and
 *   the whole row only when the epoch moved. That read is the one thing to fold into a query the
 *   call makes anyway (`observe(epoch)` takes an epoch read elsewhere).
 * - A change made here is written back before its reply leaves, so the next call anywhere sees it;
 *   two processes changing the controls at the same instant: the last write wins.
 * - Journals: every record also goes to the shared table before its reply leaves, the records of
 *   one event-loop turn in one transaction; reads flush this process's pending records first.
 */
export class ControlSync {
  private epoch = -1;
  private shared = false;
  private published = { clock: -1, faults: -1 };
  private inFlight: Promise<void> | undefined;
  private next: Promise<void> | undefined;
  private pending: { journal: JournalName; record: JournalRecord }[] = [];
  private flushing: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly store: ControlStore,
    private readonly control: ControlState,
    private readonly onError: (e: unknown) => void,
    private readonly pollMs = DEFAULT_POLL_MS,
  ) {
    control.journal.onAdd = (record) => this.queue('requests', record);
    control.outbound.onAdd = (record) => this.queue('outbound', record);
  }

  /** Whether this process has seen another one on its database (then every call checks the epoch). */
  get isShared(): boolean {
    return this.shared;
  }

  /** Announces this process by writing its start state, then watches for others. */
  async start(): Promise<void> {
    this.epoch = await this.store.writeControl(this.serialize());
    this.markPublished();
    const poll = () => {
      if (this.stopped) return;
      this.timer = setTimeout(() => {
        void (async () => {
          try {
            if ((await this.store.controlEpoch()) !== this.epoch) await this.becomeShared();
          } catch (e) {
            // A read still out when the server closed its store is not an error.
            if (!this.stopped) this.onError(e);
          }
          if (!this.shared) poll();
        })();
      }, this.pollMs);
      this.timer.unref();
    };
    poll();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.flush();
  }

  /** Brings this process's copy up to date before a call; free while the process is alone. */
  fresh(): Promise<void> {
    if (!this.shared) return Promise.resolve();
    if (!this.inFlight) return this.launch();
    // The read in flight may have left before this call arrived: wait for the next one.
    this.next ??= this.inFlight.then(() => {
      this.next = undefined;
      return this.launch();
    });
    return this.next;
  }

  /** An epoch read by some other query: adopts the shared row when it moved. */
  async observe(epoch: number): Promise<void> {
    if (epoch !== this.epoch) await this.adopt();
  }

  /** Writes this process's changes (clock, faults) to the shared row, if it has any. */
  async publishChanges(): Promise<void> {
    if (!this.shared) return;
    const { clock, faults } = this.control;
    if (clock.changes === this.published.clock && faults.changes === this.published.faults) return;
    this.markPublished();
    this.epoch = await this.store.writeControl(this.serialize());
  }

  /** A journal's matching records: the whole service's once shared, else this process's. */
  async list(journal: JournalName, filter: JournalFilter): Promise<JournalRecord[]> {
    if (!this.shared) return this.local(journal).list(filter);
    await this.flush();
    const stored = await this.store.readJournal(journal);
    return filterRecords(stored.map((r) => ({ ...(JSON.parse(r.record) as Omit<JournalRecord, 'seq'>), seq: r.seq })), filter);
  }

  /** Empties a journal (or drops one corp's records) here and, once shared, everywhere. */
  async clear(journal: JournalName, corpid?: string): Promise<number> {
    const local = this.local(journal);
    const removed = corpid === undefined ? local.clear() : local.removeCorp(corpid);
    if (!this.shared) return removed;
    await this.flush();
    return this.store.clearJournal(journal, corpid);
  }

  private local(journal: JournalName) {
    return journal === 'requests' ? this.control.journal : this.control.outbound;
  }

  private launch(): Promise<void> {
    const read = this.store
      .controlEpoch()
      .then((epoch) => this.observe(epoch))
      .catch((e: unknown) => this.onError(e))
      .finally(() => {
        if (this.inFlight === read) this.inFlight = undefined;
      });
    this.inFlight = read;
    return read;
  }

  private async becomeShared(): Promise<void> {
    // The newcomer's start state wins; writing it back tells the newcomer it is not alone.
    await this.adopt();
    this.shared = true;
    this.epoch = await this.store.writeControl(this.serialize());
  }

  private async adopt(): Promise<void> {
    const row = await this.store.readControl();
    const state = JSON.parse(row.state) as SharedState;
    if (state.clock) this.control.clock.adopt(state.clock);
    if (state.faults) this.control.faults.adopt(state.faults);
    this.epoch = row.epoch;
    this.markPublished();
    // Whoever wrote the row is another process (our own writes set the epoch we compare with).
    this.shared = true;
  }

  private markPublished(): void {
    this.published = { clock: this.control.clock.changes, faults: this.control.faults.changes };
  }

  private serialize(): string {
    const state: SharedState = { clock: this.control.clock.settings(), faults: this.control.faults.state() };
    return JSON.stringify(state);
  }

  private queue(journal: JournalName, record: JournalRecord): void {
    if (!this.shared) return;
    this.pending.push({ journal, record });
    if (this.pending.length === 1) setImmediate(() => void this.flush());
  }

  /** Once shared: resolves when the journal records of this turn are in the shared journal. */
  journalWritten(): Promise<void> {
    return this.shared ? this.flush() : Promise.resolve();
  }

  /** Writes the pending journal records, one insert batch per journal; resolves when they are in. */
  private flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      const batch = this.pending;
      if (batch.length === 0) return;
      this.pending = [];
      for (const journal of ['requests', 'outbound'] as const) {
        const records = batch.filter((p) => p.journal === journal).map(({ record: { seq: _local, ...rest } }) => ({ corpid: rest.corpid, record: JSON.stringify(rest) }));
        await this.store.appendJournal(journal, records, this.local(journal).capacity).catch((e: unknown) => this.onError(e));
      }
    });
    return this.flushing;
  }
}
