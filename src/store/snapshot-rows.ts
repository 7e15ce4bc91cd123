import type { ViewerStat } from '../domain/model.js';
import type { Suite, SuiteTokenRecord } from '../domain/suite.js';

/** What a live keeps besides its schedule and viewers: reminder, cancellation and replay (unix ms for the states). */
export interface LivingState {
  remindTime?: number;
  cancelledAtMs?: number;
  replayDeletedAtMs?: number;
  /** What the anchor's events said (living-status.ts reads them first): the first on-air, the last off-air. */
  onAirAtMs?: number;
  offAirAtMs?: number;
}

/** A stored token as the snapshot sees it (store.ts's TokenRecord; declared apart so the two files do not import each other). */
interface StoredToken {
  hash: Buffer;
  corpid: string;
  agentid: number;
  expiresAt?: number;
  nonce?: Buffer;
}

/** One live's rows a snapshot needs that no other read gives: its state, its declared viewers, its generated spec. */
export interface LivingSnapshotRows {
  livingid: string;
  state: LivingState;
  declared: ViewerStat[];
  /** The generated viewers' spec as stored (store.ts's SyntheticSpec). */
  synthetic?: { members: number; external: number; seed: number; durationSeconds: number };
}

/** A corp's credentials (as stored: hashes) and its lives' extra rows, for `GET /livestat/admin/state`. */
export interface CorpSnapshotRows {
  tokens: StoredToken[];
  ingestKeyHashes: Buffer[];
  livings: LivingSnapshotRows[];
}

/** Every suite (hashes as stored) with its tokens. */
export interface SuiteSnapshotRows {
  suites: Suite[];
  tokens: SuiteTokenRecord[];
}

/**
 * Reading the world back as stored, and the two writes a snapshot's load needs beyond the
 * scenario loader's: a live's state exactly, and the next_key secret.
 */
export interface SnapshotStore {
  corpSnapshot(corpid: string): Promise<CorpSnapshotRows>;
  suiteSnapshot(): Promise<SuiteSnapshotRows>;
  /** Makes the live's reminder, cancellation and replay state exactly `state`; false when it already was (or the live is not the corp's). */
  restoreLivingState(corpid: string, livingid: string, state: LivingState): Promise<boolean>;
  /** Makes the database's next_key secret `key` (a snapshot's load); false when it already was. */
  replaceServerSecret(key: Buffer): Promise<boolean>;
}
