import type { AdminLiving } from '../protocol/admin/index.js';
import { api } from './api.js';
import { h, clear } from './dom.js';
import { count, dateTime, duration } from './format.js';
import { t } from './i18n.js';
import { periodCard } from './period-view.js';
import { LIVE, settled, statusBadge } from './status.js';

interface Column { key: keyof AdminLiving; label: string; cell: (l: AdminLiving) => Node | string }

const COLUMNS: Column[] = [
  { key: 'theme', label: t.theme, cell: (l) => l.theme },
  { key: 'anchor_userid', label: t.anchor, cell: (l) => l.anchor_userid },
  { key: 'living_start', label: t.start, cell: (l) => dateTime(l.living_start) },
  { key: 'living_duration', label: t.duration, cell: (l) => duration(l.living_duration) },
  { key: 'status', label: t.status, cell: (l) => statusBadge(l.status) },
  { key: 'viewer_num', label: t.viewers, cell: (l) => count(l.viewer_num) },
  { key: 'comment_num', label: t.commenters, cell: (l) => count(l.comment_num) },
  { key: 'mic_num', label: t.micTakers, cell: (l) => count(l.mic_num) },
  // Only a live that is on has anyone online; elsewhere a 0 would read as "nobody came".
  { key: 'online_count', label: t.online, cell: (l) => (l.status === LIVE ? count(l.online_count) : t.no) },
  { key: 'livingid', label: t.livingid, cell: (l) => h('code', {}, l.livingid) },
];

/** Every live of a corp: searchable, sortable by any column, refreshed while one is reserved or on. */
export async function livesView(root: HTMLElement, corpid: string, open: (livingid: string) => void): Promise<() => void> {
  let rows: AdminLiving[] = [];
  let sortKey: keyof AdminLiving = 'living_start';
  let desc = true;
  const search = h('input', { type: 'search', placeholder: t.searchLives, 'aria-label': t.search, 'data-testid': 'lives-search' });
  const table = h('table', { class: 'grid', 'data-testid': 'lives' });
  search.addEventListener('input', () => render());

  function render(): void {
    const q = search.value.trim().toLowerCase();
    const shown = rows
      .filter((l) => !q || [l.theme, l.anchor_userid, l.livingid].some((s) => s.toLowerCase().includes(q)))
      .sort((a, b) => {
        const x = a[sortKey];
        const y = b[sortKey];
        const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
        return (desc ? -c : c) || a.livingid.localeCompare(b.livingid);
      });
    const head = h(
      'tr',
      {},
      ...COLUMNS.map((c) =>
        h(
          'th',
          {
            class: 'sortable',
            'data-sort': c.key,
            'aria-sort': c.key === sortKey ? (desc ? 'descending' : 'ascending') : 'none',
            onclick: () => {
              desc = c.key === sortKey ? !desc : false;
              sortKey = c.key;
              render();
            },
          },
          c.label,
          c.key === sortKey ? (desc ? ' ▼' : ' ▲') : '',
        ),
      ),
    );
    const body = shown.map((l) =>
      h('tr', { class: 'clickable', 'data-livingid': l.livingid, onclick: () => open(l.livingid) }, ...COLUMNS.map((c) => h('td', {}, c.cell(l)))),
    );
    clear(table, h('thead', {}, head), h('tbody', {}, ...body));
    if (rows.length === 0) table.append(h('caption', {}, t.noLives));
  }

  async function load(): Promise<void> {
    rows = (await api.livings(corpid)).livings;
    render();
  }
  await load();
  clear(root, h('section', {}, h('div', { class: 'toolbar' }, h('h2', {}, t.lives), search), table, periodCard(corpid, open)));
  const timer = setInterval(() => {
    if (rows.some((l) => !settled(l.status))) void load().catch(() => undefined);
  }, 5000);
  return () => clearInterval(timer);
}
