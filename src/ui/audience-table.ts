import type { AudienceViewer as Viewer } from '../protocol/admin/index.js';
import { api, type AudienceFilter } from './api.js';
import { clear, h } from './dom.js';
import { duration } from './format.js';
import { t } from './i18n.js';

const PAGE_SIZE = 50;

const viewerId = (v: Viewer) => (v.kind === 'member' ? v.userid : v.external_userid);
const kindLabel = (v: Viewer) => (v.kind === 'member' ? t.member : v.type === 2 ? t.wecom : t.wechat);

/**
 * The audience, a page at a time by cursor: "next" asks for the page after the last cursor,
 * "previous" goes back to a cursor already seen, so the server never counts rows to skip.
 */
export function audienceTable(corpid: string, livingid: string): { element: HTMLElement; reload: () => Promise<void> } {
  const filter: AudienceFilter = { sort: 'watch_time', order: 'desc', kind: '', commented: false, mic: false, q: '' };
  /** cursors[i] starts page i (null = from the top); the next page's cursor is `next`. */
  let cursors: (string | null)[] = [null];
  let next: string | null = null;
  let seq = 0;

  const table = h('table', { class: 'grid', 'data-testid': 'audience' });
  const pageLabel = h('span', { 'data-testid': 'audience-page' });
  const prevButton = h('button', { type: 'button', 'data-testid': 'audience-prev', onclick: () => void go(cursors.length - 2) }, t.prev);
  const nextButton = h('button', { type: 'button', 'data-testid': 'audience-next', onclick: () => void go(cursors.length) }, t.next);

  const kind = h(
    'select',
    { 'aria-label': t.kind, 'data-testid': 'audience-kind' },
    h('option', { value: '' }, t.allKinds),
    h('option', { value: 'member' }, t.member),
    h('option', { value: 'wechat' }, t.wechat),
    h('option', { value: 'wecom' }, t.wecom),
  );
  const commented = h('input', { type: 'checkbox', 'data-testid': 'audience-commented' });
  const mic = h('input', { type: 'checkbox', 'data-testid': 'audience-mic' });
  const search = h('input', { type: 'search', placeholder: t.searchAudience, 'aria-label': t.search, 'data-testid': 'audience-search' });
  let typing: ReturnType<typeof setTimeout> | undefined;
  const refilter = () => {
    filter.kind = kind.value as AudienceFilter['kind'];
    filter.commented = commented.checked;
    filter.mic = mic.checked;
    filter.q = search.value;
    void restart();
  };
  kind.addEventListener('change', refilter);
  commented.addEventListener('change', refilter);
  mic.addEventListener('change', refilter);
  search.addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(refilter, 250);
  });

  const sortHeader = (key: AudienceFilter['sort'], label: string) =>
    h(
      'th',
      {
        class: 'sortable',
        'data-sort': key,
        'aria-sort': filter.sort === key ? (filter.order === 'desc' ? 'descending' : 'ascending') : 'none',
        onclick: () => {
          filter.order = filter.sort === key && filter.order === 'asc' ? 'desc' : filter.sort === key ? 'asc' : key === 'watch_time' ? 'desc' : 'asc';
          filter.sort = key;
          void restart();
        },
      },
      label,
      filter.sort === key ? (filter.order === 'desc' ? ' ▼' : ' ▲') : '',
    );

  function render(viewers: Viewer[]): void {
    const head = h(
      'tr',
      {},
      sortHeader('id', t.id),
      h('th', {}, t.kind),
      sortHeader('name', t.name),
      sortHeader('watch_time', t.watchTime),
      h('th', {}, t.commented),
      h('th', {}, t.mic),
      h('th', {}, t.inviter),
    );
    const rows = viewers.map((v) =>
      h(
        'tr',
        { 'data-id': viewerId(v), 'data-watch-time': v.watch_time },
        h('td', {}, h('code', {}, viewerId(v))),
        h('td', {}, kindLabel(v)),
        h('td', {}, v.kind === 'external' ? v.name : ''),
        h('td', { class: 'num' }, duration(v.watch_time)),
        h('td', {}, v.is_comment ? t.yes : t.no),
        h('td', {}, v.is_mic ? t.yes : t.no),
        h('td', {}, v.invitor_userid ?? v.invitor_external_userid ?? ''),
      ),
    );
    clear(table, h('thead', {}, head), h('tbody', {}, ...rows));
    if (viewers.length === 0) table.append(h('caption', {}, t.noViewers));
    pageLabel.textContent = `${t.page} ${cursors.length}`;
    prevButton.disabled = cursors.length <= 1;
    nextButton.disabled = next === null;
  }

  /** Shows page `index` (0-based); only pages already reached or the one after the last are reachable. */
  async function go(index: number): Promise<void> {
    if (index < 0) return;
    if (index === cursors.length) {
      if (next === null) return;
      cursors = [...cursors, next];
    } else cursors = cursors.slice(0, index + 1);
    const mine = ++seq;
    table.setAttribute('aria-busy', 'true');
    const page = await api.audience(corpid, livingid, filter, cursors[cursors.length - 1] ?? null, PAGE_SIZE);
    // A slower answer to an older question must not overwrite a newer one.
    if (mine !== seq) return;
    next = page.next;
    render(page.viewers);
    table.setAttribute('aria-busy', 'false');
  }

  function restart(): Promise<void> {
    cursors = [null];
    next = null;
    return go(0);
  }

  const element = h(
    'section',
    { class: 'card wide' },
    h('h3', {}, t.audience),
    h(
      'div',
      { class: 'toolbar' },
      kind,
      h('label', {}, commented, ` ${t.commented}`),
      h('label', {}, mic, ` ${t.mic}`),
      search,
    ),
    table,
    h('div', { class: 'pager' }, prevButton, pageLabel, nextButton),
  );
  return { element, reload: () => go(cursors.length - 1) };
}
