// The audit log: chain verification status, filters the server applies, a search over the page shown, paging.
import { api } from '../api.js';
import { h, fill, badge, timeEl, table, field, announce, errorText } from '../dom.js';

const PAGE = 50;
const ACTIONS = ['workflow.start', 'instance.', 'instance.pause', 'instance.resume', 'instance.cancel', 'instance.retry',
  'event.publish', 'schedule.', 'schedule.create', 'schedule.update', 'schedule.delete', 'schedule.pause',
  'schedule.resume', 'api-key.', 'config.'];

function toIso(local) {
  if (!local) return '';
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString();
}

export async function render(ctx) {
  const { main, query } = ctx;
  ctx.setTitle('Audit log');
  const state = {
    actor: query.get('actor') || '', action: query.get('action') || '', target: query.get('target') || '',
    outcome: query.get('outcome') || '', from: '', to: '', offset: 0,
  };
  const verification = h('section', { id: 'audit-verification', 'aria-live': 'polite' });
  const results = h('div', { id: 'audit-results' });
  const pager = h('div', { class: 'pager' });
  const problem = h('p', { class: 'error-box', role: 'alert', hidden: true });
  const actor = field({ id: 'audit-actor', label: 'Actor', value: state.actor, attrs: { maxlength: 200 } });
  const action = field({ id: 'audit-action', label: 'Action', value: state.action,
    attrs: { list: 'audit-actions', maxlength: 200, spellcheck: 'false' }, hint: 'Exact, or a prefix ending in "." (instance.)' });
  const target = field({ id: 'audit-target', label: 'Target', value: state.target,
    attrs: { maxlength: 300, spellcheck: 'false' }, hint: 'e.g. instance/<id> or schedule/<id>' });
  const outcome = field({ id: 'audit-outcome', label: 'Outcome', value: state.outcome,
    options: [['', 'Any outcome'], 'SUCCESS', 'DENIED', 'REJECTED', 'FAILED'] });
  const from = field({ id: 'audit-from', label: 'From', type: 'datetime-local' });
  const to = field({ id: 'audit-to', label: 'Before', type: 'datetime-local' });
  const search = field({ id: 'audit-search', label: 'Search this page', type: 'search',
    attrs: { placeholder: 'any text in the rows shown' } });
  const filters = h('form', { class: 'panel filters', id: 'audit-filters', role: 'search', 'aria-label': 'Filter the audit log' },
    actor.wrap, action.wrap, target.wrap, outcome.wrap, from.wrap, to.wrap,
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', id: 'audit-apply' }, 'Apply filters'),
      h('button', { type: 'button', class: 'secondary', id: 'audit-clear', onclick: () => {
        [actor, action, target, outcome, from, to].forEach((f) => { f.input.value = ''; });
        Object.assign(state, { actor: '', action: '', target: '', outcome: '', from: '', to: '', offset: 0 });
        load();
      } }, 'Clear')),
    h('datalist', { id: 'audit-actions' }, ACTIONS.map((a) => h('option', { value: a }))));
  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    Object.assign(state, { actor: actor.input.value.trim(), action: action.input.value.trim(),
      target: target.input.value.trim(), outcome: outcome.input.value, from: toIso(from.input.value),
      to: toIso(to.input.value), offset: 0 });
    load().then(() => announce(`${results.querySelectorAll('tbody tr[data-seq]').length} audit entries shown`));
  });
  search.input.addEventListener('input', () => applySearch());

  fill(main, h('h1', null, 'Audit log'), verification, filters, h('div', { class: 'filters' }, search.wrap), problem, results, pager);

  async function verify() {
    fill(verification, h('p', { class: 'muted' }, 'Checking the chain…'));
    try {
      const v = await api('/workflow/audit/verify');
      if (!ctx.alive()) return;
      fill(verification, h('div', { class: v.intact ? 'ok-box' : 'error-box', id: 'chain-status', dataset: { intact: String(v.intact) } },
        h('strong', null, v.intact ? 'Chain intact. ' : 'Chain broken. '),
        v.intact ? `All ${v.entriesChecked} entries match their hashes and links.`
          : `Entry #${v.firstBrokenSeq} does not match: ${v.problem}. ${v.entriesChecked} entries were checked.`,
        ' ', h('button', { type: 'button', class: 'link', id: 'verify-again', onclick: verify }, 'Verify again')));
    } catch (e) {
      fill(verification, h('p', { class: 'error-box' }, `Could not verify the chain: ${errorText(e)}`));
    }
  }

  function applySearch() {
    const needle = search.input.value.trim().toLowerCase();
    for (const tr of results.querySelectorAll('tbody tr[data-seq]')) {
      tr.hidden = needle && !tr.textContent.toLowerCase().includes(needle);
    }
  }

  async function load() {
    problem.hidden = true;
    try {
      const page = await api('/workflow/audit', { query: { actor: state.actor, action: state.action, target: state.target,
        outcome: state.outcome, from: state.from, to: state.to, offset: state.offset, limit: PAGE } });
      if (!ctx.alive()) return;
      const rows = page.items.map((e) => [
        String(e.seq), timeEl(e.at), e.actor, h('code', null, e.action),
        e.target && e.target.startsWith('instance/')
          ? h('a', { href: `#/instances/${encodeURIComponent(e.target.slice(9))}` }, e.target) : (e.target || '—'),
        badge(e.outcome), String(e.status), e.namespace || '—', e.sourceAddress || '—', h('span', { class: 'mono small' }, e.requestId),
        e.detail && /^instance\/[A-Za-z0-9._:-]+$/.test(e.detail)
          ? h('a', { href: `#/instances/${encodeURIComponent(e.detail.slice(9))}` }, e.detail) : (e.detail || ''),
      ]);
      fill(results, table('Audit entries, newest first', [['#', 'num'], 'Time', 'Actor', 'Action', 'Target', 'Outcome',
        ['HTTP', 'num'], 'Namespace', 'Source', 'Request id', ['Detail', 'wrap']], rows, { empty: 'No entries match.' }));
      results.querySelectorAll('tbody tr').forEach((tr, i) => {
        if (page.items[i]) {
          tr.dataset.seq = page.items[i].seq;
          tr.dataset.action = page.items[i].action;
          tr.dataset.target = page.items[i].target || '';
          tr.dataset.outcome = page.items[i].outcome;
        }
      });
      applySearch();
      fill(pager,
        h('button', { type: 'button', class: 'secondary', disabled: state.offset === 0, id: 'audit-previous',
          onclick: () => { state.offset = Math.max(0, state.offset - PAGE); load(); } }, 'Newer entries'),
        h('span', null, page.items.length ? `Entries ${page.offset + 1}–${page.offset + page.items.length}` : 'No entries'),
        h('button', { type: 'button', class: 'secondary', disabled: !page.hasMore, id: 'audit-next',
          onclick: () => { state.offset += PAGE; load(); } }, 'Older entries'));
    } catch (e) {
      if (!ctx.alive()) return;
      fill(problem, errorText(e));
      problem.hidden = false;
    }
  }

  await Promise.all([verify(), load()]);
}
