import type { AdminLivingDetailReply as LivingDetail } from '../protocol/admin/index.js';
import { api } from './api.js';
import { audienceTable } from './audience-table.js';
import { histogramChart, shareChart } from './charts.js';
import { clear, h } from './dom.js';
import { count, dateTime, duration } from './format.js';
import { lang, t } from './i18n.js';
import { LIVE, settled, statusBadge } from './status.js';
import { timelineCard } from './timeline-chart.js';
import { attendanceCard } from './attendance-card.js';
import { saveBlob } from './save-blob.js';

const REFRESH_MS = 5000;

function headline(d: LivingDetail): HTMLElement {
  const s = d.summary;
  const stat = (label: string, value: string, id: string) => h('div', { class: 'stat', 'data-stat': id }, h('div', { class: 'value' }, value), h('div', { class: 'label' }, label));
  return h(
    'div',
    { class: 'stats', 'data-testid': 'headline' },
    stat(t.viewers, count(s.viewers), 'viewers'),
    stat(t.members, count(s.members), 'members'),
    stat(t.external, count(s.external), 'external'),
    stat(t.totalWatch, duration(s.total_watch_time), 'total_watch_time'),
    stat(t.medianWatch, duration(s.median_watch_time), 'median_watch_time'),
    stat(t.commenters, count(s.commenters), 'commenters'),
    stat(t.micTakers, count(s.mic_takers), 'mic_takers'),
  );
}

function leaderboard(d: LivingDetail): HTMLElement {
  if (d.inviters.length === 0) return h('p', { class: 'muted' }, t.noInviters);
  return h(
    'table',
    { class: 'grid', 'data-testid': 'inviters' },
    h('thead', {}, h('tr', {}, h('th', {}, '#'), h('th', {}, t.inviter), h('th', {}, t.invited), h('th', {}, t.stayed))),
    h(
      'tbody',
      {},
      ...d.inviters.map((i, n) =>
        h('tr', {}, h('td', {}, n + 1), h('td', {}, h('code', {}, i.id), ' ', i.kind === 'member' ? t.member : t.external), h('td', { class: 'num' }, count(i.viewers)), h('td', { class: 'num' }, duration(i.watch_time))),
      ),
    ),
  );
}

/** One live: headline numbers, charts, inviters, audience; refreshes itself until the live is settled. */
export async function livingView(root: HTMLElement, corpid: string, livingid: string, back: () => void): Promise<() => void> {
  const [first, timeline] = await Promise.all([api.living(corpid, livingid), api.timeline(corpid, livingid)]);
  let detail = first;
  const title = h('h2', {}, detail.living.theme);
  const meta = h('p', { class: 'muted' });
  const status = h('span', { 'data-testid': 'living-status' });
  const numbers = h('div', {}, headline(detail));
  const inviters = h('div', {}, leaderboard(detail));
  const histogramCanvas = h('canvas', { 'data-testid': 'histogram', role: 'img', 'aria-label': t.histogram });
  const shareCanvas = h('canvas', { 'data-testid': 'share', role: 'img', 'aria-label': t.share });
  const audience = audienceTable(corpid, livingid);
  const timelineView = timelineCard(timeline);
  const downloadButton = (testid: string, label: string, ext: string, fetchFile: () => Promise<Blob>) => {
    const button = h('button', { type: 'button', 'data-testid': testid }, label);
    button.addEventListener('click', () => {
      button.disabled = true;
      button.textContent = t.downloading;
      void fetchFile()
        .then((blob) => saveBlob(blob, `${livingid}.${ext}`))
        .finally(() => {
          button.disabled = false;
          button.textContent = label;
        });
    });
    return button;
  };
  const downloadCsv = downloadButton('download-csv', t.downloadCsv, 'csv', () => api.csv(corpid, livingid));
  // The workbook's headers follow the page's language, as `livestat pull --lang` does.
  const downloadXlsx = downloadButton('download-xlsx', t.downloadXlsx, 'xlsx', () => api.xlsx(corpid, livingid, lang));

  const describe = (d: LivingDetail) => {
    meta.textContent = `${d.living.anchor_userid} · ${dateTime(d.living.living_start)} · ${duration(d.living.living_duration)} · ${d.living.livingid}`;
    const on = d.living.status === LIVE;
    clear(
      status,
      statusBadge(d.living.status),
      on ? h('span', { class: 'muted', 'data-testid': 'online' }, ` ${t.onlineNow(count(d.living.online_count))} · ${t.refreshing}`) : '',
    );
  };
  describe(detail);

  clear(
    root,
    h(
      'section',
      {},
      h('a', { href: '#', class: 'back', onclick: (e: Event) => {
        e.preventDefault();
        back();
      } }, t.back),
      h('div', { class: 'toolbar' }, title, status, downloadXlsx, downloadCsv),
      meta,
      numbers,
      h(
        'div',
        { class: 'cards' },
        h('section', { class: 'card' }, h('h3', {}, t.histogram), h('div', { class: 'chart' }, histogramCanvas)),
        h('section', { class: 'card' }, h('h3', {}, t.share), h('div', { class: 'chart' }, shareCanvas)),
        h('section', { class: 'card' }, h('h3', {}, t.inviters), inviters),
      ),
      timelineView.element,
      attendanceCard(corpid, livingid),
      audience.element,
    ),
  );
  const updateHistogram = histogramChart(histogramCanvas, detail);
  const updateShare = shareChart(shareCanvas, detail);
  await audience.reload();

  const timer = setInterval(() => {
    if (settled(detail.living.status)) return;
    void Promise.all([api.living(corpid, livingid), api.timeline(corpid, livingid)])
      .then(([d, line]) => {
        detail = d;
        timelineView.update(line);
        describe(d);
        clear(numbers, headline(d));
        clear(inviters, leaderboard(d));
        updateHistogram(d);
        updateShare(d);
      })
      .catch(() => undefined);
  }, REFRESH_MS);
  return () => clearInterval(timer);
}
