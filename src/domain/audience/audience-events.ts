import type { IngestEvent, IngestInvitor, IngestViewer } from '../../protocol/events.js';
import { arrivalTimes } from './arrivals.js';
import { MinHeap } from './min-heap.js';
import { ExternalUseridMint, UseridMint, displayName } from './names.js';
import { Prng, deriveSeed } from './prng.js';
import { planViewer } from './viewer-plan.js';
import { viewerStreams, type DraftEvent } from './viewer-streams.js';

export interface AudienceOptions {
  livingid: string;
  /** How many distinct viewers come (N up to 100,000 and beyond; memory grows with concurrency, not N). */
  viewers: number;
  startMs: number;
  durationMs: number;
  seed: number;
  /** Share of viewers who are members of the corp; the rest are external. Default 0.55. */
  memberShare?: number;
  /** A product-promotion live: viewers come through sharers' cards (inviter fields). Default true. */
  promotion?: boolean;
}

interface Pending {
  at: number;
  seq: number;
  draft: DraftEvent;
  stream: Generator<DraftEvent>;
}

/** Recent sharers to pick inviters from, bounded so memory does not grow with N. */
class Ring<T> {
  private readonly items: T[] = [];
  private n = 0;
  constructor(private readonly capacity: number) {}
  add(item: T): void {
    this.items[this.n++ % this.capacity] = item;
  }
  pick(rng: Prng): T | undefined {
    return this.items.length === 0 ? undefined : rng.pick(this.items);
  }
}

/** Who invited this viewer: members partly via a few busy promoters, externals in chains. */
class Sharers {
  private readonly promoters: string[] = [];
  private readonly members = new Ring<string>(512);
  private readonly externals = new Ring<string>(512);

  invitorFor(viewer: IngestViewer, rng: Prng): IngestInvitor | undefined {
    const external = 'external_userid' in viewer;
    if (!rng.chance(external ? 0.65 : 0.1)) return undefined;
    if (external && rng.chance(0.45)) {
      const id = this.externals.pick(rng);
      if (id !== undefined) return { external_userid: id };
    }
    const id = this.promoters.length > 0 && rng.chance(0.5) ? rng.pick(this.promoters) : this.members.pick(rng);
    return id === undefined ? undefined : { userid: id };
  }

  arrived(viewer: IngestViewer): void {
    if ('userid' in viewer) {
      if (this.promoters.length < 20) this.promoters.push(viewer.userid);
      this.members.add(viewer.userid);
    } else this.externals.add(viewer.external_userid);
  }
}

function finish(d: DraftEvent, id: string, livingid: string): IngestEvent {
  const e: IngestEvent = { id, livingid, at: d.at, kind: d.kind, viewer: d.viewer };
  if (d.session !== undefined) e.session = d.session;
  if (d.invitor !== undefined) e.invitor = d.invitor;
  return e;
}

/**
 * A realistic audience's events in time order (ties in a fixed order), generated lazily:
 * only viewers still watching are held, so N = 100,000 streams in bounded memory.
 * Same options, same events. Event ids are `${livingid}-${n}`, n counting from 1.
 */
export function* audienceEvents(opts: AudienceOptions): Generator<IngestEvent> {
  const live = { startMs: opts.startMs, endMs: opts.startMs + opts.durationMs };
  const memberShare = opts.memberShare ?? 0.55;
  const promotion = opts.promotion ?? true;
  const who = new Prng(deriveSeed(opts.seed, 0x1d5));
  const userids = new UseridMint();
  const externalIds = new ExternalUseridMint(who);
  const sharers = new Sharers();
  const arrivals = arrivalTimes(new Prng(deriveSeed(opts.seed, 0xa77)), opts.viewers, live.startMs, opts.durationMs);
  const heap = new MinHeap<Pending>();
  let seq = 0;
  let eventNo = 0;
  let viewerNo = 0;
  let external = 0;

  const push = (stream: Generator<DraftEvent>) => {
    const r = stream.next();
    if (!r.done) heap.push({ at: r.value.at, seq: seq++, draft: r.value, stream });
  };

  let arrival = arrivals.next();
  for (;;) {
    const top = heap.peek();
    if (!arrival.done && (top === undefined || arrival.value <= top.at)) {
      const viewer: IngestViewer = who.chance(memberShare)
        ? { userid: userids.next(who) }
        : { external_userid: externalIds.id(external++, who), type: who.chance(0.8) ? 1 : 2, name: displayName(who) };
      const rng = new Prng(deriveSeed(opts.seed, ++viewerNo));
      const invitor = promotion ? sharers.invitorFor(viewer, who) : undefined;
      const otherInvitor = promotion ? sharers.invitorFor(viewer, who) : undefined;
      const plan = planViewer(rng, viewer, arrival.value, {
        liveStartMs: live.startMs,
        liveEndMs: live.endMs,
        invitor,
        otherInvitor,
      });
      sharers.arrived(viewer);
      for (const stream of viewerStreams(plan, rng.nextU32())) push(stream);
      arrival = arrivals.next();
      continue;
    }
    if (top === undefined) return;
    heap.pop();
    yield finish(top.draft, `${opts.livingid}-${++eventNo}`, opts.livingid);
    push(top.stream);
  }
}

/** The same events in arrays of up to `batchSize`, ready to post to the ingest API. */
export function* audienceEventBatches(opts: AudienceOptions, batchSize: number): Generator<IngestEvent[]> {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError('batchSize must be a positive integer');
  let batch: IngestEvent[] = [];
  for (const e of audienceEvents(opts)) {
    batch.push(e);
    if (batch.length === batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
