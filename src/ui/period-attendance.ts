import type { AdminPeriodAttendanceReply } from '../protocol/admin/index.js';
import { periodAttendanceApi, type PeriodQuery } from './attendance-api.js';
import { words as w } from './attendance-i18n.js';
import { clear, h } from './dom.js';
import { count, dateTime } from './format.js';
import { lang, t } from './i18n.js';
import { downloadButton, rosterForm, type RosterPick } from './roster-form.js';

/**
 * The roster against every live of the period the form above names: attended, partial and
 * absent per live, and the report's attendance sheets over all of them as downloads.
 */
export function periodAttendance(corpid: string, query: () => PeriodQuery): HTMLElement {
  const result = h('div', { 'data-testid': 'period-attendance-result', 'aria-busy': 'false' });
  const { form, error } = rosterForm('period-roster', async (pick) => {
    result.setAttribute('aria-busy', 'true');
    const q = query();
    try {
      clear(result, ...show(await periodAttendanceApi.check(corpid, q, pick.roster, pick.minWatch), q, pick));
    } finally {
      result.setAttribute('aria-busy', 'false');
    }
  });

  function show(r: AdminPeriodAttendanceReply, q: PeriodQuery, pick: RosterPick): HTMLElement[] {
    const name = (ext: string) => `${corpid}-period-attendance.${ext}`;
    return [
      h(
        'table',
        { class: 'grid', 'data-testid': 'period-attendance' },
        h('thead', {}, h('tr', {}, h('th', {}, t.theme), h('th', {}, t.anchor), h('th', {}, t.start), h('th', {}, w.onRoster), h('th', {}, w.attended), h('th', {}, w.partial), h('th', {}, w.absent))),
        h(
          'tbody',
          {},
          ...r.livings.map((l) =>
            h(
              'tr',
              { 'data-livingid': l.livingid },
              h('td', {}, l.theme),
              h('td', {}, l.anchor_userid),
              h('td', {}, dateTime(l.living_start)),
              h('td', { class: 'num' }, count(l.roster)),
              h('td', { class: 'num' }, count(l.attended)),
              h('td', { class: 'num' }, count(l.partial)),
              h('td', { class: 'num' }, count(l.absent)),
            ),
          ),
        ),
      ),
      h(
        'div',
        { class: 'toolbar' },
        downloadButton('period-attendance-xlsx', w.downloadXlsx, name('xlsx'), error, () => periodAttendanceApi.xlsx(corpid, q, pick.roster, pick.minWatch, lang)),
        downloadButton('period-attendance-csv', w.downloadCsv, name('csv'), error, () => periodAttendanceApi.csv(corpid, q, pick.roster, pick.minWatch, lang)),
      ),
    ];
  }

  return h('div', { 'data-testid': 'period-attendance-card' }, h('h3', {}, w.periodAttendance), form, error, result);
}
