// Building the page without innerHTML: every text from the server goes in as text, never as markup.

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Creates an element: h('a', {href: '#/x', class: 'c'}, 'text', child...). null/false children are skipped. */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  apply(el, attrs);
  append(el, children);
  return el;
}

/** The same for SVG elements. */
export function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  apply(el, attrs);
  append(el, children);
  return el;
}

function apply(el, attrs) {
  if (!attrs) return;
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      el.addEventListener(name.slice(2), value);
    } else if (name === 'dataset') {
      Object.assign(el.dataset, value);
    } else {
      el.setAttribute(name, value === true ? '' : String(value));
    }
  }
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces the children of an element. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

let announceTimer;
/** Says something to screen readers (polite). */
export function announce(text) {
  const region = document.getElementById('announcer');
  if (!region) return;
  clearTimeout(announceTimer);
  region.textContent = '';
  announceTimer = setTimeout(() => { region.textContent = text; }, 50);
}

const pad = (n) => String(n).padStart(2, '0');

/** An instant as local date and time (yyyy-mm-dd hh:mm:ss), or an em dash. */
export function time(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** A <time> element showing local time, with the exact UTC instant as its machine-readable value. */
export function timeEl(iso) {
  if (!iso) return h('span', { class: 'muted' }, '—');
  return h('time', { datetime: iso, title: iso }, time(iso));
}

/** An instant in a given time zone, e.g. "Mon 2026-03-30 09:00 (Europe/London)". */
export function zoned(iso, zone) {
  try {
    const parts = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone || 'UTC', weekday: 'short', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false, timeZoneName: 'short',
    }).formatToParts(new Date(iso));
    const get = (type) => (parts.find((p) => p.type === type) || {}).value || '';
    return `${get('weekday')} ${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')} ${get('timeZoneName')}`;
  } catch (e) {
    return time(iso);
  }
}

/** A duration in milliseconds as "1 h 2 min", "3.4 s", "120 ms". */
export function duration(ms) {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return '—';
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  const sec = ms / 1000;
  if (sec < 60) return `${sec.toFixed(sec < 10 ? 1 : 0)} s`;
  const min = Math.floor(sec / 60);
  if (min < 60) return `${min} min ${Math.round(sec % 60)} s`;
  const hours = Math.floor(min / 60);
  if (hours < 48) return `${hours} h ${min % 60} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/** How long ago (or from now) an instant is, e.g. "in 3 min", "5 s ago". */
export function relative(iso, now = Date.now()) {
  if (!iso) return '';
  const delta = new Date(iso).getTime() - now;
  const text = duration(Math.abs(delta));
  return delta >= 0 ? `in ${text}` : `${text} ago`;
}

/** A status badge: the word, in a colour class (never colour alone). */
export function badge(status) {
  const text = String(status ?? '—');
  return h('span', { class: `badge s-${text.toLowerCase()}` }, text.replace(/_/g, ' '));
}

/** A labelled form field; returns {wrap, input}. */
export function field({ id, label, type = 'text', value = '', hint, attrs = {}, options, wide = false }) {
  let input;
  if (options) {
    input = h('select', { id, name: id, ...attrs },
      options.map((o) => {
        const [val, text] = Array.isArray(o) ? o : [o, o];
        return h('option', { value: val, selected: String(val) === String(value) }, text);
      }));
  } else if (type === 'textarea') {
    input = h('textarea', { id, name: id, ...attrs });
    input.value = value ?? '';
  } else {
    input = h('input', { id, name: id, type, ...attrs });
    input.value = value ?? '';
  }
  const hintEl = hint ? h('span', { class: 'hint', id: `${id}-hint` }, hint) : null;
  if (hintEl) input.setAttribute('aria-describedby', `${id}-hint`);
  const wrap = h('div', { class: wide ? 'field wide' : 'field' }, h('label', { for: id }, label), input, hintEl);
  return { wrap, input };
}

/** A table with a caption, column headers and rows of cells (strings or nodes). */
export function table(caption, headers, rows, { captionHidden = false, empty = 'Nothing to show.' } = {}) {
  const head = h('thead', null, h('tr', null, headers.map((col) => {
    const [text, cls] = Array.isArray(col) ? col : [col, null];
    return h('th', { scope: 'col', class: cls }, text);
  })));
  const body = h('tbody', null, rows.length === 0
    ? h('tr', null, h('td', { colspan: headers.length, class: 'muted' }, empty))
    : rows.map((cells) => {
      const tr = h('tr');
      cells.forEach((cell, i) => {
        const cls = Array.isArray(headers[i]) ? headers[i][1] : null;
        tr.append(h('td', { class: cls }, cell));
      });
      return tr;
    }));
  return h('div', { class: 'table-wrap' },
    h('table', null, h('caption', { class: captionHidden ? 'visually-hidden' : null }, caption), head, body));
}

/** The text of an error for the user: the problem's detail when the server gave one. */
export function errorText(e) {
  if (e && e.detail) return e.detail;
  if (e && e.message) return e.message;
  return String(e);
}
