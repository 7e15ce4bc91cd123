import type { LivingStatus as Status } from '../protocol/living-info.js';
import { h } from './dom.js';
import { t } from './i18n.js';

/** Each status code's name: the badge's class and the key of its words. */
const NAMES = ['reserved', 'live', 'ended', 'expired', 'cancelled'] as const;

export const LIVE: Status = 1;

/**
 * Ended, expired and cancelled lives do not change with the clock, so a page showing only
 * those has nothing to refresh. A reserved live may go on at any moment (its first viewer).
 */
export const settled = (s: Status): boolean => s !== 0 && s !== LIVE;

export const statusBadge = (s: Status): HTMLElement => h('span', { class: `status status-${NAMES[s]}`, 'data-status': String(s) }, t[NAMES[s]]);
