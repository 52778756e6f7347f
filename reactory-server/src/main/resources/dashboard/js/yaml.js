// JSON → YAML for showing configuration documents the way they are written in config/*.yml.

const PLAIN = /^[A-Za-z_][A-Za-z0-9_ ./:@-]*$/;
const RESERVED = /^(true|false|null|yes|no|on|off|~)$/i;

function scalar(value) {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = String(value);
  if (PLAIN.test(text) && !RESERVED.test(text) && !/^\d/.test(text) && !text.endsWith(':') && !text.includes(': ')
      && text.trim() === text) {
    return text;
  }
  return JSON.stringify(text);
}

function key(k) {
  return PLAIN.test(k) && !RESERVED.test(k) ? k : JSON.stringify(k);
}

function lines(value, indent) {
  const pad = '  '.repeat(indent);
  if (Array.isArray(value)) {
    if (!value.length) return null;
    return value.map((item) => {
      if (item && typeof item === 'object' && Object.keys(item).length) {
        const inner = lines(item, indent + 1);
        return `${pad}- ${inner.slice(pad.length + 2)}`;
      }
      return `${pad}- ${item && typeof item === 'object' ? (Array.isArray(item) ? '[]' : '{}') : scalar(item)}`;
    }).join('\n');
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    if (!entries.length) return null;
    return entries.map(([k, v]) => {
      if (v && typeof v === 'object') {
        const inner = lines(v, Array.isArray(v) ? indent : indent + 1);
        return inner === null ? `${pad}${key(k)}: ${Array.isArray(v) ? '[]' : '{}'}` : `${pad}${key(k)}:\n${inner}`;
      }
      return `${pad}${key(k)}: ${scalar(v)}`;
    }).join('\n');
  }
  return pad + scalar(value);
}

/** A JSON value as block-style YAML. */
export function toYaml(value) {
  const out = lines(value, 0);
  return out === null ? (Array.isArray(value) ? '[]' : '{}') : `${out}\n`;
}
