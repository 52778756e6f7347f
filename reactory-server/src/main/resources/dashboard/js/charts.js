// Small SVG charts for the overview: lines over time, and a state strip per circuit breaker.
import { h, s } from './dom.js';

const W = 640;
const H = 210;
const PAD = { left: 48, right: 30, top: 12, bottom: 26 };
const pad2 = (n) => String(n).padStart(2, '0');
const clock = (t, seconds) => {
  const d = new Date(t);
  return `${pad2(d.getHours())}:${pad2(d.getMinutes())}${seconds ? `:${pad2(d.getSeconds())}` : ''}`;
};
const TICKS = [10, 30, 60, 120, 300, 600, 900].map((sec) => sec * 1000);

/** Tick times for a range: the first step that gives at most six. */
function ticks(from, to) {
  const step = TICKS.find((t) => (to - from) / t <= 6) || TICKS[TICKS.length - 1];
  const out = [];
  for (let t = Math.ceil(from / step) * step; t <= to; t += step) out.push(t);
  return { times: out, seconds: step < 60000 };
}

/** How long a range is, in words: "hour", "12 minutes". */
export function span(from, to) {
  const minutes = Math.round((to - from) / 60000);
  return minutes >= 60 ? 'hour' : minutes <= 1 ? 'minute' : `${minutes} minutes`;
}

function niceMax(v) {
  if (!(v > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (v <= m * p) return m * p;
  return 10 * p;
}

const fmt = (v) => (v >= 100 ? String(Math.round(v)) : v >= 10 ? v.toFixed(1).replace(/\.0$/, '') : v.toFixed(2).replace(/\.?0+$/, '') || '0');

/**
 * A line chart. series: [{name, points: [{t, v}]}] (v null makes a gap); from/to: the time range in ms;
 * unit: text after values; max: a fixed top (e.g. 100 for percent); integer: the values are counts.
 */
export function lineChart({ id, title, series, from, to, unit = '', max, integer = false }) {
  let top = max ?? niceMax(Math.max(0, ...series.flatMap((x) => x.points.map((p) => p.v ?? 0))));
  // counts of instances: whole-number grid lines
  if (integer && max === undefined) top = Math.max(4, Math.ceil(top / 4) * 4);
  const x = (t) => PAD.left + ((t - from) / Math.max(1, to - from)) * (W - PAD.left - PAD.right);
  const y = (v) => H - PAD.bottom - (v / top) * (H - PAD.top - PAD.bottom);
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-labelledby': `${id}-caption ${id}-summary` });
  for (let i = 0; i <= 4; i++) {
    const v = (top * i) / 4;
    svg.append(s('line', { class: 'grid', x1: PAD.left, x2: W - PAD.right, y1: y(v), y2: y(v) }),
      s('text', { class: 'tick', x: PAD.left - 6, y: y(v), 'text-anchor': 'end', 'dominant-baseline': 'central' }, fmt(v)));
  }
  const tk = ticks(from, to);
  for (const t of tk.times) {
    svg.append(s('text', { class: 'tick', x: x(t), y: H - 8, 'text-anchor': 'middle' }, clock(t, tk.seconds)));
  }
  svg.append(s('line', { class: 'axis', x1: PAD.left, x2: W - PAD.right, y1: y(0), y2: y(0) }));
  series.forEach((serie, i) => {
    let d = '';
    let pen = false;
    let lonely = null;
    for (const p of serie.points) {
      if (p.v === null || p.v === undefined) { pen = false; continue; }
      d += `${pen ? 'L' : 'M'}${x(p.t).toFixed(1)},${y(p.v).toFixed(1)} `;
      lonely = pen ? null : p;
      pen = true;
    }
    if (d) svg.append(s('path', { class: `line c${i}`, d, 'data-series': serie.name }));
    const lastPoint = [...serie.points].reverse().find((p) => p.v !== null && p.v !== undefined);
    if (lastPoint || lonely) {
      const p = lastPoint || lonely;
      svg.append(s('circle', { class: `dot c${i}`, cx: x(p.t), cy: y(p.v), r: 3 }));
    }
  });
  const summary = series.map((serie) => {
    const values = serie.points.map((p) => p.v).filter((v) => v !== null && v !== undefined);
    if (!values.length) return `${serie.name}: no data`;
    return `${serie.name}: now ${fmt(values[values.length - 1])}${unit}, peak ${fmt(Math.max(...values))}${unit}`;
  }).join('; ');
  return h('figure', { class: 'chart', id },
    h('figcaption', { id: `${id}-caption` }, title),
    svg,
    h('ul', { class: 'key', 'aria-hidden': 'true' }, series.map((serie, i) => h('li', null, h('span', { class: `mark c${i}` }), serie.name))),
    h('p', { class: 'chart-summary', id: `${id}-summary` }, `Over the last ${span(from, to)}. ${summary}.`));
}

/** One strip per breaker, coloured by state between samples. points: [{t, breakers: {name: state}}]. */
export function breakerChart({ id, title, points, from, to }) {
  const names = [...new Set(points.flatMap((p) => Object.keys(p.breakers || {})))].sort();
  const figure = h('figure', { class: 'chart', id }, h('figcaption', { id: `${id}-caption` }, title));
  if (!names.length) {
    figure.append(h('p', { class: 'muted', id: `${id}-summary` }, 'No circuit breakers are reported by this node.'));
    return figure;
  }
  const rowH = 22;
  const height = PAD.top + names.length * (rowH + 8) + PAD.bottom;
  const left = 130;
  const x = (t) => left + ((t - from) / Math.max(1, to - from)) * (W - left - PAD.right);
  const svg = s('svg', { viewBox: `0 0 ${W} ${height}`, role: 'img', 'aria-labelledby': `${id}-caption ${id}-summary` });
  names.forEach((name, row) => {
    const top = PAD.top + row * (rowH + 8);
    svg.append(s('text', { class: 'row-label', x: left - 8, y: top + rowH / 2, 'text-anchor': 'end', 'dominant-baseline': 'central' },
      name.length > 18 ? `${name.slice(0, 17)}…` : name));
    let prev = null;
    for (const p of points) {
      const state = (p.breakers || {})[name];
      if (prev !== null && state) {
        svg.append(s('rect', { class: `band ${state.toLowerCase()}`, x: x(prev), y: top, width: Math.max(1, x(p.t) - x(prev)), height: rowH }));
      }
      prev = p.t;
    }
  });
  const tk = ticks(from, to);
  for (const t of tk.times) {
    svg.append(s('text', { class: 'tick', x: x(t), y: height - 8, 'text-anchor': 'middle' }, clock(t, tk.seconds)));
  }
  const last = points[points.length - 1]?.breakers || {};
  figure.append(svg,
    h('ul', { class: 'key', 'aria-hidden': 'true' }, ['closed', 'half_open', 'open'].map((st) => h('li', null, h('span', { class: `mark ${st}` }), st.replace('_', ' ')))),
    h('p', { class: 'chart-summary', id: `${id}-summary` }, `Now: ${names.map((n) => `${n} ${(last[n] || 'unknown').toLowerCase().replace('_', ' ')}`).join(', ')}.`));
  return figure;
}
