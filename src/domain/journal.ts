/**
 * The request journal: every call to a WeCom endpoint, newest last, in a bounded ring so a
 * long-running server keeps the most recent calls and a fixed amount of memory.
 */

/** One recorded call. Query and body are already redacted when they get here. */
export interface JournalRecord {
  /** Position in the journal since the server started (or since the last clear: it keeps counting). */
  seq: number;
  /** Unix seconds by the server's clock (the corp's, when the corp has its own). */
  time: number;
  method: string;
  path: string;
  /** The API name (`gettoken`, `get_watch_stat`, ...), or undefined for a path that names none. */
  api?: string;
  /** The corp the call was for, and the agentid of the app whose token or secret was used. */
  corpid?: string;
  agentid?: number;
  query: Record<string, unknown>;
  body?: unknown;
  status: number;
  /** The reply's errcode (0 = success); absent when no WeCom reply was sent (a transport fault). */
  errcode?: number;
  hint?: string;
  /** An injected transport fault that replaced the reply. */
  fault?: string;
  duration_ms: number;
  /** Outbound only: what was sent (`url_check`, `living_status_change`, `suite_ticket`; also in `api`). */
  kind?: string;
  /** Outbound only: the receiver's URL without its query (which may hold the receiver's own secrets). */
  url?: string;
  /** Outbound only: 1 for the first try of a push, 2–4 for its retries. */
  attempt?: number;
  /** Outbound only: why no acceptable answer came (status 0: none at all). */
  error?: string;
}

/** Which records to list or count; every field given must hold. */
export interface JournalFilter {
  api?: string;
  corpid?: string;
  agentid?: number;
  errcode?: number;
  /** Unix seconds: records at or after. */
  since?: number;
  /** The newest this many (after filtering). */
  limit?: number;
}

export const DEFAULT_JOURNAL_SIZE = 10_000;

/** The records of `records` (oldest first) that match, as Journal.list gives them. */
export function filterRecords(records: readonly JournalRecord[], filter: JournalFilter): JournalRecord[] {
  const out = records.filter((r) => holds(r, filter));
  return filter.limit === undefined ? out : out.slice(Math.max(0, out.length - filter.limit));
}

function holds(r: JournalRecord, f: JournalFilter): boolean {
  return (
    (f.api === undefined || r.api === f.api) &&
    (f.corpid === undefined || r.corpid === f.corpid) &&
    (f.agentid === undefined || r.agentid === f.agentid) &&
    (f.errcode === undefined || r.errcode === f.errcode) &&
    (f.since === undefined || r.time >= f.since)
  );
}

/** A ring of the last `capacity` records. */
export class Journal {
  private readonly ring: JournalRecord[] = [];
  private head = 0;
  private seq = 0;
  /** Told of every record added (with its seq): the sync that writes it to the shared journal. */
  onAdd: ((record: JournalRecord) => void) | undefined;

  constructor(readonly capacity: number = DEFAULT_JOURNAL_SIZE) {
    if (!Number.isInteger(capacity) || capacity < 0) throw new RangeError('journal size must be a non-negative integer');
  }

  add(record: Omit<JournalRecord, 'seq'>): void {
    if (this.capacity === 0) return;
    const full: JournalRecord = { seq: ++this.seq, ...record };
    this.onAdd?.(full);
    if (this.ring.length < this.capacity) this.ring.push(full);
    else {
      this.ring[this.head] = full;
      this.head = (this.head + 1) % this.capacity;
    }
  }

  /** Matching records, oldest first; `limit` keeps the newest. */
  list(filter: JournalFilter = {}): JournalRecord[] {
    const out: JournalRecord[] = [];
    for (let i = 0; i < this.ring.length; i++) {
      const r = this.ring[(this.head + i) % this.ring.length]!;
      if (holds(r, filter)) out.push(r);
    }
    return filter.limit === undefined ? out : out.slice(Math.max(0, out.length - filter.limit));
  }

  count(filter: JournalFilter = {}): number {
    let n = 0;
    for (const r of this.ring) if (holds(r, filter)) n++;
    return filter.limit === undefined ? n : Math.min(n, filter.limit);
  }

  /** Drops one corp's records (a corp reset); the rest keep their order. */
  removeCorp(corpid: string): number {
    const kept = this.list().filter((r) => r.corpid !== corpid);
    const removed = this.ring.length - kept.length;
    this.ring.splice(0, this.ring.length, ...kept);
    this.head = 0;
    return removed;
  }

  clear(): number {
    const n = this.ring.length;
    this.ring.length = 0;
    this.head = 0;
    return n;
  }
}

/** Names whose values are credentials wherever they appear: in a query or at any depth of a body. */
// living_code and ww_share_code are bearer capabilities for five minutes, like a token.
const SECRET_NAME = /(secret|token|ticket|permanent_code|auth_code|living_code|share_code|password)/i;
/** Longest body kept per record; a larger one is replaced by a note of its size. */
const MAX_BODY_CHARS = 16 * 1024;
const REDACTED = '[REDACTED]';

function redactValue(value: unknown, depth: number): unknown {
  if (depth > 20) return REDACTED;
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = SECRET_NAME.test(k) ? REDACTED : redactValue(v, depth + 1);
    return out;
  }
  return value;
}

/** A query or body fit for the journal: every credential replaced, an oversized body summarized. */
export function redactForJournal(value: unknown): unknown {
  if (value === undefined) return undefined;
  // Text that did not parse as JSON may hold a credential anywhere: only its size is kept.
  if (typeof value === 'string' || Buffer.isBuffer(value)) return { unparsed: true, chars: value.length };
  const redacted = redactValue(value, 0);
  // JSON.stringify is typed string but yields undefined for a function or symbol.
  const text = (JSON.stringify(redacted) as string | undefined) ?? '';
  return text.length > MAX_BODY_CHARS ? { truncated: true, chars: text.length } : redacted;
}
