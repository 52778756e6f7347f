// Overview: counts per status now, and throughput, failure rate, queue depth and breaker states over the last hour.
import { api } from '../api.js';
import { h, fill, duration, errorText } from '../dom.js';
import { lineChart, breakerChart } from '../charts.js';

const STATUSES = ['PENDING', 'RUNNING', 'PAUSED', 'COMPLETED', 'FAILED', 'CANCELLED'];

export async function render(ctx) {
  const { main, me } = ctx;
  ctx.setTitle('Overview');
  const cards = h('ul', { class: 'cards', id: 'overview-counts', 'aria-label': 'Instances per status' });
  const system = h('p', { class: 'muted small', id: 'system-status' });
  const charts = h('div', { class: 'charts', id: 'overview-charts' });
  const problem = h('p', { class: 'error-box', role: 'alert', hidden: true });
  fill(main, h('h1', null, 'Overview'), system, cards, problem, charts);

  async function load() {
    try {
      const [status, counts, series] = await Promise.all([
        api('/workflow/status'),
        api('/workflow/instances/counts'),
        me.may.readMetrics ? api('/workflow/metrics/series') : Promise.resolve(null),
      ]);
      if (!ctx.alive()) return;
      problem.hidden = true;
      fill(system, `Server ${status.status} · version ${status.version} · store ${status.store} · up ${duration(status.uptimeSeconds * 1000)}`);
      fill(cards, STATUSES.map((st) => h('li', null,
        h('a', { href: `#/instances?status=${st}`, 'aria-label': `${counts.counts[st]} ${st.toLowerCase()} instances` },
          h('span', { class: 'count', id: `overview-${st}` }, `${counts.counts[st] ?? 0}${counts.exact ? '' : '+'}`),
          h('span', { class: 'label' }, st.toLowerCase())))));
      if (!series) {
        fill(charts, h('p', { class: 'notice' }, 'Charts need the metrics:read permission.'));
        return;
      }
      const pts = series.points.map((p) => ({ ...p, t: new Date(p.at).getTime() }));
      // the last hour, or what there is of it since the server started (at least two minutes)
      const to = pts.length ? pts[pts.length - 1].t : Date.now();
      const from = Math.min(to - 2 * 60 * 1000, Math.max(to - 60 * 60 * 1000, pts.length ? pts[0].t : to));
      const line = (name, key) => ({ name, points: pts.map((p) => ({ t: p.t, v: p[key] ?? null })) });
      fill(charts,
        lineChart({ id: 'chart-throughput', title: 'Throughput (instances per minute, over the minute before each point)', from, to, unit: '/min',
          series: [line('completed', 'completedPerMinute'), line('started', 'startedPerMinute'), line('failed', 'failedPerMinute')] }),
        lineChart({ id: 'chart-failure-rate', title: 'Failure rate (% of the instances that finished in the minute before)', from, to, unit: '%', max: 100,
          series: [line('failed', 'failureRate')] }),
        lineChart({ id: 'chart-queue', title: 'Queue depth (instances)', from, to, integer: true,
          series: [line('queued (pending)', 'queued'), line('running', 'running'), line('paused', 'paused'), line('held by this node', 'inFlight')] }),
        breakerChart({ id: 'chart-breakers', title: 'Circuit breakers', points: pts, from, to }));
    } catch (e) {
      if (!ctx.alive()) return;
      fill(problem, errorText(e));
      problem.hidden = false;
    }
  }
  await load();
  ctx.every(load, 10000);
}
