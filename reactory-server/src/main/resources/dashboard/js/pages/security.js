// Security events: failed authentication, refused permissions, rate limits, token misuse.
import { api } from '../api.js';
import { h, fill, badge, timeEl, table, field, announce, errorText } from '../dom.js';

const PAGE = 50;
const TYPES = ['AUTHENTICATION_FAILED', 'PERMISSION_DENIED', 'RATE_LIMITED', 'TOKEN_MISUSE'];

export async function render(ctx) {
  const { main } = ctx;
  ctx.setTitle('Security events');
  const state = { type: '', actor: '', offset: 0 };
  const results = h('div', { id: 'security-results' });
  const pager = h('div', { class: 'pager' });
  const problem = h('p', { class: 'error-box', role: 'alert', hidden: true });
  const type = field({ id: 'security-type', label: 'Type', options: [['', 'Any type'], ...TYPES.map((t) => [t, t.replace(/_/g, ' ').toLowerCase()])] });
  const actor = field({ id: 'security-actor', label: 'Actor', attrs: { maxlength: 200 } });
  const search = field({ id: 'security-search', label: 'Search this page', type: 'search' });
  const filters = h('form', { class: 'panel filters', id: 'security-filters', role: 'search', 'aria-label': 'Filter security events' },
    type.wrap, actor.wrap, h('div', { class: 'form-actions' }, h('button', { type: 'submit', id: 'security-apply' }, 'Apply filters')));
  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    Object.assign(state, { type: type.input.value, actor: actor.input.value.trim(), offset: 0 });
    load().then(() => announce('Security events updated'));
  });
  search.input.addEventListener('input', () => applySearch());
  fill(main, h('h1', null, 'Security events'),
    h('p', { class: 'muted small' }, 'Failed sign-ins, refused permissions, rate limits and misused tokens, newest first. '
      + 'Every refused request is also in the audit log.'),
    filters, h('div', { class: 'filters' }, search.wrap), problem, results, pager);

  function applySearch() {
    const needle = search.input.value.trim().toLowerCase();
    for (const tr of results.querySelectorAll('tbody tr')) tr.hidden = needle && !tr.textContent.toLowerCase().includes(needle);
  }

  async function load() {
    problem.hidden = true;
    try {
      const page = await api('/workflow/security-events', { query: { type: state.type, actor: state.actor,
        offset: state.offset, limit: PAGE } });
      if (!ctx.alive()) return;
      fill(results, table('Security events, newest first', [['#', 'num'], 'Time', 'Type', 'Actor', 'Source', 'Target', ['Detail', 'wrap']],
        page.items.map((e) => [String(e.id), timeEl(e.at), badge(e.type), e.actor || '—', e.sourceAddress || '—',
          e.target || '—', e.detail || '']), { empty: 'No security events.' }));
      applySearch();
      fill(pager,
        h('button', { type: 'button', class: 'secondary', disabled: state.offset === 0,
          onclick: () => { state.offset = Math.max(0, state.offset - PAGE); load(); } }, 'Newer events'),
        h('span', null, page.items.length ? `Events ${page.offset + 1}–${page.offset + page.items.length}` : 'No events'),
        h('button', { type: 'button', class: 'secondary', disabled: !page.hasMore,
          onclick: () => { state.offset += PAGE; load(); } }, 'Older events'));
    } catch (e) {
      if (!ctx.alive()) return;
      fill(problem, errorText(e));
      problem.hidden = false;
    }
  }
  await load();
  ctx.every(() => load(), 10000);
}
