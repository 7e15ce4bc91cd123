import type { Living, OpenWatch } from './model.js';

/** A live with what the management endpoints add to it: reminders, cancellation, replay. */
export interface LivingRecord extends Living {
  /** Seconds before the start to remind viewers, as create/modify set it. */
  remindTime?: number;
  cancelled: boolean;
  replayDeleted: boolean;
  /** The replay setting (get_living_info's open_replay): 1 on, 0 off; scenarios set it, 1 by default. */
  openReplay: 0 | 1;
  /** Unix ms of the anchor's first on-air event, if any arrived. */
  onAirAt?: number;
  /** Unix ms of the anchor's last off-air event, if any arrived. */
  offAirAt?: number;
}

/** What a live's status is computed from (besides its audience and the clock). */
export type LivingStatusInput = Pick<LivingRecord, 'cancelled' | 'livingStart' | 'livingDuration' | 'onAirAt' | 'offAirAt'>;

/** The fields `modify` may change. */
export interface LivingChanges {
  theme?: string;
  livingStart?: number;
  livingDuration?: number;
  type?: number;
  description?: string;
  remindTime?: number;
}

/** One live's audience in numbers, read in one pass over its statistics rows. */
export interface LivingCounts {
  viewers: number;
  /** Viewers with is_comment = 1. */
  commenters: number;
  /** Viewers with is_mic = 1. */
  micTakers: number;
  /** The clock-dependent part of each viewer row still open (few at a time). */
  open: OpenWatch[];
}

/** A position in a member's list of lives: newest start first, then by livingid. */
export interface AnchorListKey {
  livingStart: number;
  livingid: string;
}
