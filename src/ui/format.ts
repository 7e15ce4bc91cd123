import { lang } from './i18n.js';

const locale = lang === 'zh' ? 'zh-CN' : 'en-US';
const numbers = new Intl.NumberFormat(locale);
const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });

export const count = (n: number) => numbers.format(n);
export const dateTime = (unixSeconds: number) => dates.format(new Date(unixSeconds * 1000));

/** Seconds as 1h 02m 03s / 2m 05s / 42s. */
export function duration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = Math.floor(seconds % 60);
  const pad = (n: number) => String(n).padStart(2, '0');
  if (h > 0) return `${h}h ${pad(m)}m ${pad(s)}s`;
  if (m > 0) return `${m}m ${pad(s)}s`;
  return `${s}s`;
}

const clockTimes = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' });
/** Unix ms as the wall-clock time of day, 08:05. */
export const clockTime = (unixMs: number) => clockTimes.format(new Date(unixMs));
