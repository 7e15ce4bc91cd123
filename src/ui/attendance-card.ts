import type { AdminAttendanceReply, AttendanceVerdict } from '../protocol/admin/index.js';
import { attendanceApi } from './attendance-api.js';
import { words as w } from './attendance-i18n.js';
import { clear, h } from './dom.js';
import { count, duration } from './format.js';
import { lang } from './i18n.js';
import { downloadButton, rosterForm, type RosterPick } from './roster-form.js';

/** Rows drawn at most: a roster can hold 100,000 members; the downloads carry all of them. */
const SHOWN = 500;

type Filter = '' | AttendanceVerdict;

/**
 * Attendance of this live against a roster the user picks: each member attended, partial or
 * absent by the report's rule, totals per department, and the report's sheets as downloads.
 * The file is sent to the server on each check or download and kept nowhere; every name is
 * put in the page as text.
 */
export function attendanceCard(corpid: string, livingid: string): HTMLElement {
  const result = h('div', { 'data-testid': 'attendance-result', 'aria-busy': 'false' });
  const { form, error } = rosterForm('roster', async (pick) => {
    result.setAttribute('aria-busy', 'true');
    try {
      clear(result, ...show(await attendanceApi.check(corpid, livingid, pick.roster, pick.minWatch), pick));
    } finally {
      result.setAttribute('aria-busy', 'false');
    }
  });
  const name = (ext: string) => `${livingid}-attendance.${ext}`;

  function show(r: AdminAttendanceReply, pick: RosterPick): HTMLElement[] {
    const stat = (label: string, value: number, id: string) => h('div', { class: 'stat', 'data-stat': id }, h('div', { class: 'value' }, count(value)), h('div', { class: 'label' }, label));
    const label: Record<AttendanceVerdict, string> = { attended: w.attended, partial: w.partial, absent: w.absent };
    const filter = h('select', { 'aria-label': w.verdict, 'data-testid': 'attendance-filter' }, ...(['', 'attended', 'partial', 'absent'] as const).map((v) => h('option', { value: v }, v ? label[v] : w.all)));
    const members = h('div', {});
    const drawMembers = () => {
      const wanted = filter.value as Filter;
      const rows = wanted ? r.members.filter((m) => m.attendance === wanted) : r.members;
      clear(
        members,
        h(
          'table',
          { class: 'grid', 'data-testid': 'attendance-members' },
          h('thead', {}, h('tr', {}, h('th', {}, w.userid), h('th', {}, w.name), h('th', {}, w.department), h('th', {}, w.watchTime), h('th', {}, w.verdict))),
          h(
            'tbody',
            {},
            ...rows.slice(0, SHOWN).map((m) =>
              h(
                'tr',
                { 'data-userid': m.userid, 'data-attendance': m.attendance },
                h('td', {}, h('code', {}, m.userid)),
                h('td', {}, m.name),
                h('td', {}, m.department),
                h('td', { class: 'num' }, duration(m.watch_time)),
                h('td', {}, h('span', { class: `status attendance-${m.attendance}` }, label[m.attendance])),
              ),
            ),
          ),
          rows.length > SHOWN ? h('caption', {}, w.showing(count(SHOWN), count(rows.length))) : null,
        ),
      );
    };
    filter.addEventListener('change', drawMembers);
    drawMembers();
    const departments = h(
      'table',
      { class: 'grid', 'data-testid': 'attendance-departments' },
      h('thead', {}, h('tr', {}, h('th', {}, w.department), h('th', {}, w.onRoster), h('th', {}, w.attended), h('th', {}, w.partial), h('th', {}, w.absent))),
      h(
        'tbody',
        {},
        ...r.departments.map((d) =>
          h(
            'tr',
            { 'data-department': d.department },
            h('td', {}, d.department || w.noDepartment),
            h('td', { class: 'num' }, count(d.roster)),
            h('td', { class: 'num' }, count(d.attended)),
            h('td', { class: 'num' }, count(d.partial)),
            h('td', { class: 'num' }, count(d.absent)),
          ),
        ),
      ),
    );
    return [
      h(
        'div',
        { class: 'stats', 'data-testid': 'attendance-totals' },
        stat(w.onRoster, r.totals.roster, 'roster'),
        stat(w.attended, r.totals.attended, 'attended'),
        stat(w.partial, r.totals.partial, 'partial'),
        stat(w.absent, r.totals.absent, 'absent'),
      ),
      h('div', { class: 'toolbar' }, filter, downloadButton('attendance-xlsx', w.downloadXlsx, name('xlsx'), error, () => attendanceApi.xlsx(corpid, livingid, pick.roster, pick.minWatch, lang)),
        downloadButton('attendance-csv', w.downloadCsv, name('csv'), error, () => attendanceApi.csv(corpid, livingid, pick.roster, pick.minWatch, lang)),),
      h('div', { class: 'attendance-tables' }, departments, members),
    ];
  }

  return h('section', { class: 'card wide', 'data-testid': 'attendance-card' }, h('h3', {}, w.attendance), h('p', { class: 'muted' }, w.rosterHelp), form, error, result);
}
