import type { JournalRecordReply as Call } from '../protocol/control/index.js';
import { h, clear } from './dom.js';
import { dateTime } from './format.js';
import { t } from './i18n.js';
import { type RequestFilter, journal } from './requests-api.js';
import { rt } from './requests-i18n.js';

/** How often the view asks for new calls: a developer's call shows up within a second. */
const POLL_MS = 1000;
/** The newest calls kept on screen. */
const LIMIT = 200;

const failed = (c: Call): boolean => c.fault !== undefined || c.status !== 200 || (c.errcode !== undefined && c.errcode !== 0);

function errcodeCell(c: Call): HTMLElement {
  const text = c.fault ?? (c.errcode === undefined ? '—' : String(c.errcode));
  return h('span', { class: `errcode ${failed(c) ? 'errcode-bad' : 'errcode-ok'}`, 'data-testid': 'errcode' }, text);
}

function row(c: Call, selected: boolean, pick: (seq: number) => void): HTMLElement {
  return h(
    'tr',
    { class: `clickable${failed(c) ? ' request-error' : ''}${selected ? ' selected' : ''}`, 'data-seq': c.seq, 'data-api': c.api ?? '', 'data-errcode': c.errcode ?? '', onclick: () => pick(c.seq) },
    h('td', { class: 'num' }, c.seq),
    h('td', {}, dateTime(c.time)),
    h('td', {}, h('code', {}, c.api ?? `${c.method} ${c.path}`)),
    h('td', {}, c.corpid ?? '—'),
    h('td', { class: 'num' }, c.agentid ?? '—'),
    h('td', { class: 'num' }, c.status),
    h('td', {}, errcodeCell(c)),
    h('td', { class: 'num' }, c.duration_ms),
  );
}

function detail(c: Call | undefined): HTMLElement {
  if (!c) return h('section', { class: 'card request-detail', 'data-testid': 'request-detail' }, h('p', { class: 'muted' }, rt.pickRequest));
  const pre = (value: unknown, id: string) => h('pre', { 'data-testid': id }, JSON.stringify(value, null, 2));
  return h(
    'section',
    { class: 'card request-detail', 'data-testid': 'request-detail', 'data-seq': c.seq },
    h('h3', {}, `#${c.seq} ${c.method} ${c.path}`),
    c.hint ? h('p', {}, `${rt.hint}: `, h('code', {}, c.hint)) : null,
    c.fault ? h('p', { class: 'error' }, `${rt.fault}: ${c.fault}`) : null,
    h('h3', {}, rt.query),
    pre(c.query, 'request-query'),
    h('h3', {}, rt.body),
    c.body === undefined ? h('p', { class: 'muted', 'data-testid': 'request-body' }, rt.noBody) : pre(c.body, 'request-body'),
  );
}

/**
 * The request journal as it grows: newest first, filtered by API, corp and errcode, failures
 * highlighted, and one call's redacted query and body on click. It reads the control API's
 * journal with the dashboard's admin key, polling once a second while it is open.
 */
export async function requestsView(root: HTMLElement, corpid: string): Promise<() => void> {
  let calls: Call[] = [];
  let selected: number | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const apis = new Set<string>();
  const apiList = h('datalist', { id: 'request-apis' });
  const api = h('input', { type: 'search', list: 'request-apis', placeholder: rt.allApis, 'aria-label': rt.api, 'data-testid': 'requests-api' });
  const corp = h('input', { type: 'search', value: corpid, placeholder: rt.allCorps, 'aria-label': rt.corpFilter, 'data-testid': 'requests-corp' });
  const errcode = h('input', { type: 'search', inputmode: 'numeric', placeholder: rt.errcodeFilter, 'aria-label': rt.errcodeFilter, size: 8, 'data-testid': 'requests-errcode' });
  const errorsOnly = h('input', { type: 'checkbox', id: 'requests-errors', 'data-testid': 'requests-errors' });
  const table = h('table', { class: 'grid', 'data-testid': 'requests' });
  const panel = h('div', {});
  const error = h('p', { class: 'error', role: 'alert' });

  function pick(seq: number): void {
    selected = seq;
    render();
  }

  function render(): void {
    const shown = calls.filter((c) => !errorsOnly.checked || failed(c)).reverse();
    const head = h('tr', {}, ...['#', rt.time, rt.call, rt.corpFilter, rt.app, rt.httpStatus, rt.errcode, rt.ms].map((label) => h('th', {}, label)));
    clear(
      table,
      h('thead', {}, head),
      h('tbody', {}, ...shown.map((c) => row(c, c.seq === selected, pick))),
      h('caption', { 'data-testid': 'requests-caption' }, shown.length === 0 ? rt.noRequests : rt.shown(String(shown.length))),
    );
    clear(panel, detail(calls.find((c) => c.seq === selected)));
  }

  const filter = (): RequestFilter => ({ api: api.value.trim(), corpid: corp.value.trim(), errcode: errcode.value.trim(), limit: LIMIT });
  async function poll(): Promise<void> {
    try {
      const { requests } = await journal(filter());
      const changed = requests.length !== calls.length || requests.at(-1)?.seq !== calls.at(-1)?.seq || requests[0]?.seq !== calls[0]?.seq;
      calls = requests;
      for (const c of requests) if (c.api && !apis.has(c.api)) {
        apis.add(c.api);
        apiList.append(h('option', { value: c.api }));
      }
      error.textContent = '';
      if (changed) render();
    } catch (e) {
      error.textContent = `${t.error}: ${(e as Error).message}`;
    }
    if (!stopped) timer = setTimeout(() => void poll(), POLL_MS);
  }
  const refilter = () => {
    clearTimeout(timer);
    void poll();
  };
  for (const input of [api, corp, errcode]) input.addEventListener('input', refilter);
  errorsOnly.addEventListener('change', () => render());

  clear(
    root,
    h('h2', {}, rt.requests),
    h('p', { class: 'muted' }, rt.requestsHelp),
    h('div', { class: 'toolbar' }, api, apiList, corp, errcode, h('label', { for: 'requests-errors' }, errorsOnly, ` ${rt.errorsOnly}`)),
    error,
    h('div', { class: 'requests-layout' }, h('div', {}, table), panel),
  );
  render();
  await poll();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
