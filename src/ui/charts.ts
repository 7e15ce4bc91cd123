import { ArcElement, BarController, BarElement, CategoryScale, Chart, DoughnutController, Legend, LinearScale, Tooltip } from 'chart.js';
import { duration } from './format.js';
import { t } from './i18n.js';
import type { AdminLivingDetailReply as LivingDetail } from '../protocol/admin/index.js';

// Only what the two charts use, so esbuild drops the rest of Chart.js.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, DoughnutController, ArcElement, Tooltip, Legend);

const COLORS = { bar: '#3b82f6', member: '#0ea5e9', wechat: '#22c55e', wecom: '#f59e0b' };

/** The watch-time histogram; updated in place when the live refreshes. */
export function histogramChart(canvas: HTMLCanvasElement, d: LivingDetail): (d: LivingDetail) => void {
  const chart = new Chart<'bar', number[], string>(canvas, {
    type: 'bar',
    data: { labels: [] as string[], datasets: [{ label: t.viewers, data: [] as number[], backgroundColor: COLORS.bar }] },
    options: {
      animation: false,
      maintainAspectRatio: false,
      plugins: { legend: { display: false } },
      scales: { x: { title: { display: true, text: t.watchTime } }, y: { beginAtZero: true, title: { display: true, text: t.viewers } } },
    },
  });
  const update = (next: LivingDetail) => {
    chart.data.labels = next.histogram.map((b) => `${duration(b.from)}–${duration(b.to)}`);
    chart.data.datasets[0]!.data = next.histogram.map((b) => b.viewers);
    chart.update();
  };
  update(d);
  return update;
}

/** Members vs WeChat vs WeCom viewers. */
export function shareChart(canvas: HTMLCanvasElement, d: LivingDetail): (d: LivingDetail) => void {
  const chart = new Chart<'doughnut', number[], string>(canvas, {
    type: 'doughnut',
    data: { labels: [t.members, t.wechat, t.wecom], datasets: [{ data: [] as number[], backgroundColor: [COLORS.member, COLORS.wechat, COLORS.wecom] }] },
    options: { animation: false, maintainAspectRatio: false, plugins: { legend: { position: 'bottom' } } },
  });
  const update = (next: LivingDetail) => {
    chart.data.datasets[0]!.data = [next.summary.members, next.summary.wechat, next.summary.wecom];
    chart.update();
  };
  update(d);
  return update;
}
