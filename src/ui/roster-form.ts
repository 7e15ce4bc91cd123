import type { ROSTER_MAX_BYTES } from '../protocol/admin/index.js';
import { words as w } from './attendance-i18n.js';
import { h } from './dom.js';
import { saveBlob } from './save-blob.js';

// Typed by the protocol's constant, so the page's check and the server's limit cannot drift apart.
const MAX_BYTES: typeof ROSTER_MAX_BYTES = 4_194_304;
const DEFAULT_MINUTES = 30;

/** A roster the user chose and the bar in seconds. */
export interface RosterPick {
  roster: File;
  minWatch: number;
}

/**
 * The roster file, the bar in minutes and a check button; `onCheck` gets the pick once the file
 * is there and small enough, else the form says what is missing. Shared by the live's and the
 * period's attendance.
 */
export function rosterForm(testid: string, onCheck: (pick: RosterPick) => Promise<void>): { form: HTMLFormElement; error: HTMLElement } {
  const file = h('input', { type: 'file', accept: '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'aria-label': w.roster, 'data-testid': `${testid}-file` });
  const minutes = h('input', { type: 'number', min: 0, max: 10080, step: 1, value: DEFAULT_MINUTES, 'aria-label': w.minWatch, 'data-testid': `${testid}-min-watch`, style: 'width: 5rem' });
  const error = h('p', { class: 'error', role: 'alert', 'data-testid': `${testid}-error` });
  const form = h('form', { class: 'toolbar', 'data-testid': `${testid}-form` }, file, h('label', {}, `${w.minWatch} `, minutes, ` ${w.minutes}`), h('button', { type: 'submit' }, w.check));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const roster = file.files?.[0];
    if (!roster) { error.textContent = w.chooseFile; return; }
    if (roster.size > MAX_BYTES) { error.textContent = w.tooLarge(String(MAX_BYTES / 2 ** 20)); return; }
    error.textContent = '';
    const minWatch = Math.max(0, Math.round(Number(minutes.value || DEFAULT_MINUTES) * 60));
    void onCheck({ roster, minWatch }).catch((err: unknown) => (error.textContent = err instanceof Error ? err.message : String(err)));
  });
  return { form, error };
}

/** A button that fetches a file for the pick and saves it; a failure is said in `error`. */
export function downloadButton(testid: string, label: string, name: string, error: HTMLElement, fetchFile: () => Promise<Blob>): HTMLButtonElement {
  const button = h('button', { type: 'button', 'data-testid': testid }, label);
  button.addEventListener('click', () => {
    button.disabled = true;
    void fetchFile()
      .then((blob) => saveBlob(blob, name), (err: unknown) => (error.textContent = err instanceof Error ? err.message : String(err)))
      .finally(() => (button.disabled = false));
  });
  return button;
}
