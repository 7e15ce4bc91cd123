import { CategoryScale, Chart, Legend, LineController, LineElement, LinearScale, PointElement, Tooltip } from 'chart.js';
import type { AdminTimelineReply, TimelineMinute } from '../protocol/admin/index.js';
import { clear, h } from './dom.js';
import { clockTime, count } from './format.js';
import { t } from './i18n.js';

// Only the line chart's parts, so esbuild still drops the rest of Chart.js.
Chart.register(LineController, LineElement, PointElement, CategoryScale, LinearScale, Tooltip, Legend);

const COLORS = { online: '#2563eb', comments: '#22c55e', mic: '#f59e0b' };

/** The busiest minute (the earliest of equals), or undefined for a live without minutes. */
function peakOf(minutes: readonly TimelineMinute[]): TimelineMinute | undefined {
  let peak: TimelineMinute | undefined;
  for (const m of minutes) if (!peak || m.online > peak.online) peak = m;
  return peak;
}

/**
 * The audience over time: viewers online per minute (left axis), comments and mic-ons per
 * minute (right axis). A live without activity events gets a sentence instead of a chart,
 * since its scenario says how long each viewer watched but not when.
 */
export function timelineCard(reply: AdminTimelineReply): { element: HTMLElement; update(next: AdminTimelineReply): void } {
  const body = h('div', {});
  const element = h('section', { class: 'card wide', 'data-testid': 'timeline-card' }, h('h3', {}, t.timeline), body);
  let chart: Chart<'line', number[], string> | undefined;

  const update = (next: AdminTimelineReply) => {
    const minutes = next.minutes;
    if (minutes === null) {
      chart?.destroy();
      chart = undefined;
      clear(body, h('p', { class: 'muted', 'data-testid': 'no-timeline' }, t.noTimeline));
      return;
    }
    const peak = peakOf(minutes);
    const caption = h('p', { class: 'muted', 'data-testid': 'timeline-peak', 'data-peak': peak?.online ?? 0 }, peak ? t.peak(count(peak.online), clockTime(peak.at)) : t.notStarted);
    if (!chart) {
      const canvas = h('canvas', { 'data-testid': 'timeline', role: 'img', 'aria-label': t.timeline });
      clear(body, h('div', { class: 'chart' }, canvas), caption);
      chart = new Chart<'line', number[], string>(canvas, {
        type: 'line',
        data: {
          labels: [],
          datasets: [
            { label: t.onlineViewers, data: [], borderColor: COLORS.online, backgroundColor: COLORS.online, yAxisID: 'y', pointRadius: 0, tension: 0.2 },
            { label: t.comments, data: [], borderColor: COLORS.comments, backgroundColor: COLORS.comments, yAxisID: 'y1', pointRadius: 0 },
            { label: t.micOns, data: [], borderColor: COLORS.mic, backgroundColor: COLORS.mic, yAxisID: 'y1', pointRadius: 0 },
          ],
        },
        options: {
          animation: false,
          maintainAspectRatio: false,
          interaction: { mode: 'index', intersect: false },
          plugins: { legend: { position: 'bottom' } },
          scales: {
            y: { beginAtZero: true, title: { display: true, text: t.onlineViewers } },
            y1: { beginAtZero: true, position: 'right', grid: { drawOnChartArea: false }, title: { display: true, text: t.perMinute } },
          },
        },
      });
    } else body.replaceChild(caption, body.lastChild!);
    chart.data.labels = minutes.map((m) => clockTime(m.at));
    chart.data.datasets[0]!.data = minutes.map((m) => m.online);
    chart.data.datasets[1]!.data = minutes.map((m) => m.comments);
    chart.data.datasets[2]!.data = minutes.map((m) => m.mic_on);
    chart.update();
  };
  update(reply);
  return { element, update };
}
