// Draws a workflow graph from the Mermaid flowchart the API serves (GET /workflow/definitions/{id}/graph), as SVG,
// without a Mermaid library: the exporter writes a small, regular subset (node shapes, plain/labelled/dotted arrows,
// subgraphs for sagas), laid out here in layers (longest path, barycentre ordering, median alignment).
import { s } from './dom.js';

const NODE = /^(\w+)(\(\(\(|\(\(|\(\[|\[\[|\[|\{\{|\{|>)"(.*)"(\)\)\)|\)\)|\]\)|\]\]|\]|\}\}|\})$/;
const SHAPES = { '(((': 'end', '((': 'circle', '([': 'stadium', '[[': 'loop', '[': 'rect', '{{': 'hex', '{': 'diamond', '>': 'flag' };
const EDGE = /^(\w+)\s+-->\s*(?:\|"(.*)"\|\s*)?(\w+)$/;
const BACK = /^(\w+)\s+-\.->\s+(\w+)$/;
const DOTTED = /^(\w+)\s+-\.\s+(.+?)\s+\.->\s+(\w+)$/;
const SUBGRAPH = /^subgraph\s+(\w+)\["(.*)"\]$/;

const unescape = (t) => t.replace(/#quot;/g, '"');

/** Parses the exporter's flowchart: {nodes: [{id, label, shape}], edges: [{from, to, label, dashed, back}], clusters}. */
export function parseMermaid(text) {
  const nodes = new Map();
  const edges = [];
  const clusters = [];
  const open = [];
  for (const raw of String(text).split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('flowchart') || line.startsWith('%%')) continue;
    let m;
    if ((m = line.match(SUBGRAPH))) {
      const cluster = { id: m[1], label: unescape(m[2]), members: [] };
      clusters.push(cluster);
      open.push(cluster);
    } else if (line === 'end') {
      open.pop();
    } else if ((m = line.match(NODE))) {
      nodes.set(m[1], { id: m[1], label: unescape(m[3]), shape: SHAPES[m[2]] || 'rect' });
      open.forEach((c) => c.members.push(m[1]));
    } else if ((m = line.match(EDGE))) {
      edges.push({ from: m[1], to: m[3], label: m[2] ? unescape(m[2]) : null, dashed: false, back: false });
    } else if ((m = line.match(DOTTED))) {
      edges.push({ from: m[1], to: m[3], label: unescape(m[2]), dashed: true, back: false });
    } else if ((m = line.match(BACK))) {
      edges.push({ from: m[1], to: m[2], label: null, dashed: true, back: true });
    }
  }
  for (const e of edges) {
    for (const id of [e.from, e.to]) if (!nodes.has(id)) nodes.set(id, { id, label: id, shape: 'rect' });
  }
  return { nodes: [...nodes.values()], edges, clusters };
}

let measureCtx;
function textWidth(text) {
  if (!measureCtx) {
    measureCtx = document.createElement('canvas').getContext('2d');
    measureCtx.font = '13px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';
  }
  return measureCtx.measureText(text).width;
}

const MAX_LABEL = 38;
const shortLabel = (label) => (label.length > MAX_LABEL ? `${label.slice(0, MAX_LABEL - 1)}…` : label);

function size(node) {
  const w = textWidth(shortLabel(node.label));
  switch (node.shape) {
    case 'circle': { const r = Math.max(20, w / 2 + 10); return { w: 2 * r, h: 2 * r }; }
    case 'end': { const r = Math.max(22, w / 2 + 13); return { w: 2 * r, h: 2 * r }; }
    case 'diamond': return { w: Math.max(90, w + 56), h: 54 };
    case 'hex': return { w: Math.max(70, w + 40), h: 38 };
    case 'flag': return { w: Math.max(80, w + 40), h: 38 };
    case 'loop': return { w: Math.max(80, w + 36), h: 38 };
    default: return { w: Math.max(80, w + 26), h: 38 };
  }
}

/** Positions nodes in layers; returns {nodes: Map id → {x, y, w, h, ...}, routes, width, height}. */
export function layout(graph) {
  const info = new Map(graph.nodes.map((n, i) => [n.id, { ...n, ...size(n), order: i, dummy: false }]));
  const forward = graph.edges.filter((e) => !e.back && e.from !== e.to);
  // longest-path ranks over forward edges (Kahn); anything left in a cycle is treated as a back edge
  const indeg = new Map([...info.keys()].map((id) => [id, 0]));
  forward.forEach((e) => indeg.set(e.to, indeg.get(e.to) + 1));
  const rank = new Map([...info.keys()].map((id) => [id, 0]));
  const queue = [...info.keys()].filter((id) => indeg.get(id) === 0);
  const seen = new Set();
  while (queue.length) {
    const id = queue.shift();
    seen.add(id);
    for (const e of forward.filter((x) => x.from === id)) {
      rank.set(e.to, Math.max(rank.get(e.to), rank.get(id) + 1));
      indeg.set(e.to, indeg.get(e.to) - 1);
      if (indeg.get(e.to) === 0) queue.push(e.to);
    }
  }
  const edges = graph.edges.map((e) => ({ ...e, back: e.back || !seen.has(e.to) || !seen.has(e.from)
    || rank.get(e.to) <= rank.get(e.from) }));

  // long edges get a dummy node per layer they cross, so they take part in ordering and bend around nodes
  const segments = [];
  let dummies = 0;
  for (const e of edges) {
    if (e.back) continue;
    const path = [e.from];
    for (let r = rank.get(e.from) + 1; r < rank.get(e.to); r++) {
      const id = `_d${dummies++}`;
      info.set(id, { id, label: '', shape: 'dummy', w: 10, h: 0, order: info.get(e.from).order + 0.5, dummy: true });
      rank.set(id, r);
      path.push(id);
    }
    path.push(e.to);
    e.path = path;
    for (let i = 0; i + 1 < path.length; i++) segments.push([path[i], path[i + 1]]);
  }
  const layers = [];
  for (const [id, r] of rank) (layers[r] ||= []).push(id);
  layers.forEach((layer) => layer.sort((a, b) => info.get(a).order - info.get(b).order));
  const preds = new Map([...info.keys()].map((id) => [id, []]));
  const succs = new Map([...info.keys()].map((id) => [id, []]));
  segments.forEach(([a, b]) => { succs.get(a).push(b); preds.get(b).push(a); });

  const position = () => {
    const pos = new Map();
    layers.forEach((layer) => layer.forEach((id, i) => pos.set(id, i)));
    return pos;
  };
  for (let iter = 0; iter < 6; iter++) {
    const down = iter % 2 === 0;
    const pos = position();
    const indices = down ? layers.map((_, i) => i).slice(1) : layers.map((_, i) => i).reverse().slice(1);
    for (const r of indices) {
      const layer = layers[r];
      const bc = new Map(layer.map((id) => {
        const nb = (down ? preds : succs).get(id);
        return [id, nb.length ? nb.reduce((sum, x) => sum + pos.get(x), 0) / nb.length : pos.get(id)];
      }));
      layer.sort((a, b) => bc.get(a) - bc.get(b) || pos.get(a) - pos.get(b));
      layer.forEach((id, i) => pos.set(id, i));
    }
  }

  // vertical: one row per layer; horizontal: packed, then pulled towards the median of neighbours
  const GAP = 30;
  const ROW_GAP = 46;
  let y = 20;
  layers.forEach((layer) => {
    const height = Math.max(16, ...layer.map((id) => info.get(id).h));
    layer.forEach((id) => { info.get(id).y = y + height / 2; });
    y += height + ROW_GAP;
  });
  const sep = (a, b) => (info.get(a).w + info.get(b).w) / 2 + (info.get(a).dummy || info.get(b).dummy ? 22 : GAP);
  layers.forEach((layer) => {
    let x = 0;
    layer.forEach((id, i) => {
      if (i > 0) x += sep(layer[i - 1], id);
      info.get(id).x = x;
    });
    const shift = -x / 2;
    layer.forEach((id) => { info.get(id).x += shift; });
  });
  const median = (xs) => {
    const v = [...xs].sort((a, b) => a - b);
    const m = Math.floor(v.length / 2);
    return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
  };
  for (let iter = 0; iter < 8; iter++) {
    const down = iter % 2 === 0;
    const order = down ? layers : [...layers].reverse();
    for (const layer of order) {
      const desired = layer.map((id) => {
        const nb = [...(down ? preds : succs).get(id), ...(iter > 3 ? (down ? succs : preds).get(id) : [])];
        return nb.length ? median(nb.map((x) => info.get(x).x)) : info.get(id).x;
      });
      const left = [];
      layer.forEach((id, i) => { left[i] = i === 0 ? desired[i] : Math.max(desired[i], left[i - 1] + sep(layer[i - 1], id)); });
      const right = [];
      for (let i = layer.length - 1; i >= 0; i--) {
        right[i] = i === layer.length - 1 ? desired[i] : Math.min(desired[i], right[i + 1] - sep(layer[i], layer[i + 1]));
      }
      layer.forEach((id, i) => { info.get(id).x = (left[i] + right[i]) / 2; });
    }
  }
  // back edges run beside what they span, on the side nearer their source: room for their lanes on both sides
  let minX = Infinity;
  let maxX = -Infinity;
  for (const n of info.values()) {
    minX = Math.min(minX, n.x - n.w / 2);
    maxX = Math.max(maxX, n.x + n.w / 2);
  }
  const backs = edges.filter((e) => e.back);
  const margin = 24 + (backs.length ? 16 + 14 * backs.length : 0);
  for (const n of info.values()) n.x += margin - minX;
  const width = maxX - minX + 2 * margin;
  return { info, edges, layers, width, height: y - ROW_GAP + 20 };
}

function nodeShape(n) {
  const x = n.x - n.w / 2;
  const y = n.y - n.h / 2;
  switch (n.shape) {
    case 'circle': return [s('circle', { cx: n.x, cy: n.y, r: n.w / 2 })];
    case 'end': return [s('circle', { cx: n.x, cy: n.y, r: n.w / 2 }), s('circle', { cx: n.x, cy: n.y, r: n.w / 2 - 4 })];
    case 'diamond': return [s('polygon', { points: `${n.x},${y} ${x + n.w},${n.y} ${n.x},${y + n.h} ${x},${n.y}` })];
    case 'hex': return [s('polygon', { points: `${x + 12},${y} ${x + n.w - 12},${y} ${x + n.w},${n.y} ${x + n.w - 12},${y + n.h} ${x + 12},${y + n.h} ${x},${n.y}` })];
    case 'flag': return [s('polygon', { points: `${x},${y} ${x + n.w},${y} ${x + n.w},${y + n.h} ${x},${y + n.h} ${x + 12},${n.y}` })];
    case 'stadium': return [s('rect', { x, y, width: n.w, height: n.h, rx: n.h / 2 })];
    case 'loop': return [s('rect', { x, y, width: n.w, height: n.h, rx: 3 }),
      s('path', { class: 'shape', d: `M${x + 8},${y} V${y + n.h} M${x + n.w - 8},${y} V${y + n.h}` })];
    default: return [s('rect', { x, y, width: n.w, height: n.h, rx: 4 })];
  }
}

function curve(points) {
  let d = `M${points[0].x},${points[0].y}`;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    const dy = (b.y - a.y) / 2;
    d += ` C${a.x},${a.y + dy} ${b.x},${b.y - dy} ${b.x},${b.y}`;
  }
  return d;
}

/**
 * Draws a graph. states maps node ids (s0, s1..., start, finish) to done | active | paused | failed.
 * Returns an <svg> with an accessible name.
 */
export function drawGraph(mermaid, { title, states = {}, describe } = {}) {
  const graph = parseMermaid(mermaid);
  const { info, edges, width, height } = layout(graph);
  const uid = Math.random().toString(36).slice(2, 8);
  const svg = s('svg', { viewBox: `0 0 ${Math.ceil(width)} ${Math.ceil(height)}`, width: Math.ceil(width),
    height: Math.ceil(height), role: 'img', 'aria-labelledby': `g-title-${uid} g-desc-${uid}`, class: 'workflow-graph' },
  s('title', { id: `g-title-${uid}` }, title || 'Workflow graph'),
  s('desc', { id: `g-desc-${uid}` }, describe || `${graph.nodes.length} nodes, ${graph.edges.length} links`),
  s('defs', null, s('marker', { id: `arrow-${uid}`, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7,
    markerHeight: 7, orient: 'auto-start-reverse' }, s('path', { class: 'arrow', d: 'M0,0 L10,5 L0,10 z' }))));

  for (const c of graph.clusters) {
    const members = c.members.map((id) => info.get(id)).filter(Boolean);
    if (!members.length) continue;
    const x0 = Math.min(...members.map((n) => n.x - n.w / 2)) - 14;
    const x1 = Math.max(...members.map((n) => n.x + n.w / 2)) + 14;
    const y0 = Math.min(...members.map((n) => n.y - n.h / 2)) - 24;
    const y1 = Math.max(...members.map((n) => n.y + n.h / 2)) + 12;
    svg.append(s('rect', { class: 'cluster', x: x0, y: y0, width: x1 - x0, height: y1 - y0, rx: 6 }),
      s('text', { class: 'cluster-label', x: x0 + 8, y: y0 + 14 }, c.label));
  }

  const labels = [];
  const real = [...info.values()].filter((n) => !n.dummy);
  let lane = 0;
  for (const e of edges) {
    const from = info.get(e.from);
    const to = info.get(e.to);
    let d;
    if (e.back) {
      // around the nodes between the two rows, on the side nearer the source, so it crosses none of them
      lane += 1;
      const between = real.filter((n) => n.y >= Math.min(to.y, from.y) && n.y <= Math.max(to.y, from.y));
      const left = Math.min(...between.map((n) => n.x - n.w / 2));
      const right = Math.max(...between.map((n) => n.x + n.w / 2));
      const sign = from.x - left < right - from.x ? -1 : 1;
      const out = sign < 0 ? left - 16 - 14 * lane : right + 16 + 14 * lane;
      const fx = from.x + (sign * from.w) / 2;
      const tx = to.x + (sign * to.w) / 2;
      d = `M${fx},${from.y} C${out},${from.y} ${out},${to.y} ${tx},${to.y}`;
    } else {
      const points = e.path.map((id) => ({ x: info.get(id).x, y: info.get(id).y }));
      points[0] = { x: from.x, y: from.y + from.h / 2 };
      points[points.length - 1] = { x: to.x, y: to.y - to.h / 2 };
      d = curve(points);
      if (e.label) {
        const next = points[1];
        labels.push({ text: e.label, x: points[0].x + (next.x - points[0].x) * 0.45, y: points[0].y + (next.y - points[0].y) * 0.45 });
      }
    }
    svg.append(s('path', { class: `edge${e.dashed ? ' dashed' : ''}`, d, 'marker-end': `url(#arrow-${uid})`,
      'data-from': e.from, 'data-to': e.to }));
  }
  for (const l of labels) {
    const w = textWidth(l.text) * 0.9 + 8;
    svg.append(s('g', { class: 'edge-label' }, s('rect', { x: l.x - w / 2, y: l.y - 9, width: w, height: 18, rx: 3 }),
      s('text', { x: l.x, y: l.y, 'text-anchor': 'middle', 'dominant-baseline': 'central' }, l.text)));
  }
  for (const n of info.values()) {
    if (n.dummy) continue;
    const state = states[n.id] || 'none';
    const kind = n.id === 'start' ? 'start' : n.id === 'finish' ? 'finish' : n.shape;
    svg.append(s('g', { class: `node k-${kind} st-${state}`, 'data-node': n.id, 'data-state': state },
      s('title', null, state === 'none' ? n.label : `${n.label} (${state})`),
      nodeShape(n),
      s('text', { x: n.x, y: n.y, 'text-anchor': 'middle', 'dominant-baseline': 'central' }, shortLabel(n.label))));
  }
  return svg;
}
