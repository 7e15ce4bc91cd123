import type { AdminPeriodReply } from '../protocol/admin/index.js';
import { api } from './api.js';
import { clear, h } from './dom.js';
import { count, dateTime, duration } from './format.js';
import { t } from './i18n.js';
import { periodAttendance } from './period-attendance.js';

/**
 * Every live of a period, for one anchor or the whole corp, with viewers and watch time per
 * live and in total; the dates are days in China, as `livestat report --since/--until` reads them.
 */
export function periodCard(corpid: string, open: (livingid: string) => void): HTMLElement {
  const since = h('input', { type: 'date', 'aria-label': t.since, 'data-testid': 'period-since' });
  const until = h('input', { type: 'date', 'aria-label': t.until, 'data-testid': 'period-until' });
  const anchor = h('input', { type: 'search', placeholder: t.anchorOrCorp, 'aria-label': t.anchor, 'data-testid': 'period-anchor' });
  const result = h('div', { 'data-testid': 'period-result' });
  const show = (r: AdminPeriodReply) =>
    clear(
      result,
      h(
        'table',
        { class: 'grid', 'data-testid': 'period' },
        h('thead', {}, h('tr', {}, h('th', {}, t.theme), h('th', {}, t.anchor), h('th', {}, t.start), h('th', {}, t.viewers), h('th', {}, t.totalWatch))),
        h(
          'tbody',
          {},
          ...r.livings.map((l) =>
            h(
              'tr',
              { class: 'clickable', 'data-livingid': l.livingid, onclick: () => open(l.livingid) },
              h('td', {}, l.theme),
              h('td', {}, l.anchor_userid),
              h('td', {}, dateTime(l.living_start)),
              h('td', { class: 'num' }, count(l.viewers)),
              h('td', { class: 'num' }, duration(l.total_watch_time)),
            ),
          ),
        ),
        h('tfoot', {}, h('tr', { 'data-testid': 'period-totals' }, h('th', {}, t.periodTotal(count(r.totals.lives))), h('th', {}), h('th', {}), h('th', { class: 'num' }, count(r.totals.viewers)), h('th', { class: 'num' }, duration(r.totals.total_watch_time)))),
      ),
    );
  const form = h(
    'form',
    { class: 'toolbar', 'data-testid': 'period-form' },
    since,
    '–',
    until,
    anchor,
    h('button', { type: 'submit' }, t.show),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    result.setAttribute('aria-busy', 'true');
    void api
      .period(corpid, { since: since.value, until: until.value, userid: anchor.value.trim() })
      .then(show, (err: unknown) => clear(result, h('p', { class: 'error' }, err instanceof Error ? err.message : t.error)))
      .finally(() => result.setAttribute('aria-busy', 'false'));
  });
  const attendance = periodAttendance(corpid, () => ({ since: since.value, until: until.value, userid: anchor.value.trim() }));
  return h('section', { class: 'card wide', 'data-testid': 'period-card' }, h('h3', {}, t.period), form, result, attendance);
}
