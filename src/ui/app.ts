import type { AdminCorp as Corp } from '../protocol/admin/index.js';
import { Unauthorized, api, forgetKey, savedKey, saveKey } from './api.js';
import { clear, h } from './dom.js';
import { lang, t } from './i18n.js';
import { livesView } from './lives-view.js';
import { livingView } from './living-view.js';
import { requestsView } from './requests-view.js';
import { rt } from './requests-i18n.js';

/**
 * The dashboard: sign in with the admin key, pick a corp, see its lives, open one. The place
 * is kept in the hash (#/corpid or #/corpid/livingid) so reload and back work; the key lives
 * in sessionStorage only.
 */
const root = document.getElementById('app')!;
document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
document.title = t.title;
let stop: () => void = () => undefined;

function signIn(message?: string): void {
  stop();
  const key = h('input', { type: 'password', id: 'admin-key', name: 'admin-key', autocomplete: 'current-password', required: true, 'aria-label': t.adminKey });
  const error = h('p', { class: 'error', role: 'alert', 'data-testid': 'sign-in-error' }, message ?? '');
  const form = h(
    'form',
    { class: 'card sign-in', 'data-testid': 'sign-in' },
    h('h2', {}, t.signInTitle),
    h('p', { class: 'muted' }, t.signInHelp),
    h('label', { for: 'admin-key' }, t.adminKey),
    key,
    h('button', { type: 'submit' }, t.signIn),
    error,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    api.corps(key.value.trim()).then(
      () => {
        saveKey(key.value.trim());
        void route();
      },
      (err: unknown) => {
        error.textContent = err instanceof Unauthorized ? t.wrongKey : `${t.error}: ${(err as Error).message}`;
      },
    );
  });
  clear(root, h('header', {}, h('h1', {}, t.title)), h('main', {}, form));
  key.focus();
}

function shell(corps: Corp[], corpid: string): HTMLElement {
  const select = h('select', { 'aria-label': t.corp, 'data-testid': 'corp' }, ...corps.map((c) => h('option', { value: c.corpid, selected: c.corpid === corpid }, `${c.name} (${c.corpid})`)));
  select.addEventListener('change', () => (location.hash = `#/${encodeURIComponent(select.value)}`));
  const signOut = h('button', { type: 'button', class: 'link', 'data-testid': 'sign-out', onclick: () => {
    forgetKey();
    signIn();
  } }, t.signOut);
  const main = h('main', {});
  const requests = h('a', { href: `#/${encodeURIComponent(corpid)}/~requests`, 'data-testid': 'nav-requests' }, rt.requests);
  clear(root, h('header', {}, h('h1', {}, t.title), h('label', {}, `${t.corp} `, select), requests, signOut), main);
  return main;
}

async function route(): Promise<void> {
  stop();
  if (!savedKey()) { signIn(); return; }
  try {
    const { corps } = await api.corps();
    const [, corpPart, livingPart] = location.hash.split('/');
    const wanted = corpPart ? decodeURIComponent(corpPart) : undefined;
    const corpid = corps.find((c) => c.corpid === wanted)?.corpid ?? corps[0]?.corpid;
    const main = shell(corps, corpid ?? '');
    if (!corpid) return;
    const toCorp = () => (location.hash = `#/${encodeURIComponent(corpid)}`);
    // `~` is in no livingid, so the Requests view cannot shadow a live.
    stop = livingPart === '~requests'
      ? await requestsView(main, corpid)
      : livingPart
      ? await livingView(main, corpid, decodeURIComponent(livingPart), toCorp)
      : await livesView(main, corpid, (livingid) => (location.hash = `#/${encodeURIComponent(corpid)}/${encodeURIComponent(livingid)}`));
  } catch (e) {
    if (e instanceof Unauthorized) {
      forgetKey();
      signIn(t.wrongKey); return;
    }
    clear(root, h('p', { class: 'error', role: 'alert' }, `${t.error}: ${(e as Error).message}`));
  }
}

window.addEventListener('hashchange', () => void route());
void route();
