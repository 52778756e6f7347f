// Instances: live counts per status, filters (status, workflow, reference, time), paging, and starting a workflow.
import { api } from '../api.js';
import { h, fill, badge, timeEl, duration, table, field, announce, errorText } from '../dom.js';

const STATUSES = ['PENDING', 'RUNNING', 'PAUSED', 'COMPLETED', 'FAILED', 'CANCELLED', 'CLEANING_UP'];
const PAGE = 25;

function toLocalInput(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function fromLocalInput(value) {
  if (!value) return '';
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString();
}

export async function render(ctx) {
  const { main, me, query } = ctx;
  ctx.setTitle('Instances');
  const state = {
    status: query.get('status') || '',
    workflowId: query.get('workflowId') || '',
    reference: query.get('reference') || '',
    from: query.get('from') || '',
    to: query.get('to') || '',
    offset: Number(query.get('offset') || 0) || 0,
  };
  const definitions = (await api('/workflow/definitions')).items;
  if (!ctx.alive()) return;

  const counters = h('ul', { class: 'counters', id: 'status-counts', 'aria-label': 'Instances per status' });
  const results = h('div', { id: 'instance-results', 'aria-live': 'off' });
  const pager = h('div', { class: 'pager' });
  const problem = h('p', { class: 'error-box', role: 'alert', hidden: true });

  const statusField = field({ id: 'filter-status', label: 'Status', value: state.status,
    options: [['', 'Any status'], ...STATUSES.map((s) => [s, s.replace('_', ' ').toLowerCase()])] });
  const workflowField = field({ id: 'filter-workflow', label: 'Workflow', value: state.workflowId,
    options: [['', 'Any workflow'], ...definitions.map((d) => d.workflowId)] });
  const referenceField = field({ id: 'filter-reference', label: 'Reference', value: state.reference,
    attrs: { placeholder: 'business key', maxlength: 200 } });
  const fromField = field({ id: 'filter-from', label: 'Created from', type: 'datetime-local', value: toLocalInput(state.from) });
  const toField = field({ id: 'filter-to', label: 'Created before', type: 'datetime-local', value: toLocalInput(state.to) });
  const filters = h('form', { class: 'panel filters', id: 'instance-filters', role: 'search', 'aria-label': 'Filter instances' },
    statusField.wrap, workflowField.wrap, referenceField.wrap, fromField.wrap, toField.wrap,
    h('div', { class: 'form-actions' },
      h('button', { type: 'submit', id: 'apply-filters' }, 'Apply filters'),
      h('button', { type: 'button', class: 'secondary', id: 'clear-filters', onclick: () => {
        Object.assign(state, { status: '', workflowId: '', reference: '', from: '', to: '', offset: 0 });
        statusField.input.value = '';
        workflowField.input.value = '';
        referenceField.input.value = '';
        fromField.input.value = '';
        toField.input.value = '';
        refresh(true);
      } }, 'Clear')));
  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    state.status = statusField.input.value;
    state.workflowId = workflowField.input.value;
    state.reference = referenceField.input.value.trim();
    state.from = fromLocalInput(fromField.input.value);
    state.to = fromLocalInput(toField.input.value);
    state.offset = 0;
    refresh(true);
  });

  const startPanel = me.may.start ? startForm(ctx, definitions) : null;
  const startButton = me.may.start ? h('button', { type: 'button', id: 'show-start', 'aria-expanded': 'false',
    'aria-controls': 'start-form', onclick: () => {
      const open = startPanel.hidden;
      startPanel.hidden = !open;
      startButton.setAttribute('aria-expanded', String(open));
      if (open) startPanel.querySelector('select, input').focus();
    } }, 'Start a workflow') : null;

  fill(main,
    h('div', { class: 'page-head' }, h('h1', null, 'Instances'), h('div', { class: 'actions' }, startButton)),
    startPanel,
    counters,
    filters,
    problem,
    results,
    pager);

  let lastList = '';
  let lastCounts = '';

  function hash() {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(state)) if (v && !(k === 'offset' && v === 0)) q.set(k, v);
    const s = q.toString();
    return `#/instances${s ? `?${s}` : ''}`;
  }

  async function loadCounts() {
    const data = await api('/workflow/instances/counts');
    const key = JSON.stringify(data) + state.status;
    if (key === lastCounts || !ctx.alive()) return;
    lastCounts = key;
    const hadFocus = counters.contains(document.activeElement) ? document.activeElement.dataset.status : null;
    fill(counters, STATUSES.map((s) => {
      const pressed = state.status === s;
      return h('li', null, h('button', {
        type: 'button', class: 'counter', 'aria-pressed': String(pressed), dataset: { status: s },
        title: pressed ? `Showing ${s.toLowerCase()} instances; press to show all` : `Show ${s.toLowerCase()} instances`,
        onclick: () => {
          state.status = pressed ? '' : s;
          statusField.input.value = state.status;
          state.offset = 0;
          refresh(true);
        },
      }, h('span', { class: 'count', id: `count-${s}` }, String(data.counts[s] ?? 0)
        + (data.exact ? '' : '+')), h('span', { class: 'label' }, s.replace('_', ' ').toLowerCase())));
    }));
    if (hadFocus) counters.querySelector(`button[data-status="${hadFocus}"]`)?.focus();
  }

  async function loadList() {
    const page = await api('/workflow/instances', { query: {
      status: state.status, workflowId: state.workflowId, reference: state.reference, from: state.from, to: state.to,
      offset: state.offset, limit: PAGE } });
    const key = JSON.stringify(page);
    if (key === lastList || !ctx.alive()) return;
    lastList = key;
    const focusedLink = results.contains(document.activeElement) ? document.activeElement.getAttribute('href') : null;
    const now = Date.now();
    const rows = page.items.map((i) => [
      h('a', { href: `#/instances/${encodeURIComponent(i.instanceId)}`, class: 'mono' }, i.instanceId),
      i.workflowId,
      i.version,
      badge(i.status),
      i.reference || h('span', { class: 'muted' }, '—'),
      timeEl(i.createdAt),
      duration(i.startedAt ? (i.completedAt ? new Date(i.completedAt) : now) - new Date(i.startedAt) : null),
      i.failureReason || '',
    ]);
    fill(results, table(`Instances, newest first${state.status ? `, status ${state.status}` : ''}`,
      ['Instance', 'Workflow', 'Version', 'Status', 'Reference', 'Created', ['Duration', 'num'], 'Failure'],
      rows, { empty: 'No instances match these filters.' }));
    // a refresh must not take the keyboard's place away
    if (focusedLink) [...results.querySelectorAll('a')].find((a) => a.getAttribute('href') === focusedLink)?.focus();
    const first = page.items.length ? page.offset + 1 : 0;
    fill(pager,
      h('button', { type: 'button', class: 'secondary', id: 'page-previous', disabled: page.offset === 0,
        onclick: () => { state.offset = Math.max(0, state.offset - PAGE); refresh(true); } }, 'Previous page'),
      h('span', { id: 'page-position' }, page.items.length ? `Showing ${first}–${page.offset + page.items.length}` : 'No rows'),
      h('button', { type: 'button', class: 'secondary', id: 'page-next', disabled: !page.hasMore,
        onclick: () => { state.offset += PAGE; refresh(true); } }, 'Next page'));
  }

  async function refresh(userAction = false) {
    if (userAction) {
      lastList = '';
      lastCounts = '';
      history.replaceState(null, '', hash());
    }
    try {
      await Promise.all([loadCounts(), loadList()]);
      problem.hidden = true;
      if (userAction) announce(`${results.querySelectorAll('tbody tr').length} rows shown`);
    } catch (e) {
      if (!ctx.alive()) return;
      fill(problem, errorText(e));
      problem.hidden = false;
    }
  }

  await refresh();
  ctx.every(() => refresh(), 3000);
}

function startForm(ctx, definitions) {
  const workflowField = field({ id: 'start-workflow', label: 'Workflow',
    options: definitions.map((d) => d.workflowId), value: definitions[0]?.workflowId });
  const versionField = field({ id: 'start-version', label: 'Version', options: [] });
  const referenceField = field({ id: 'start-reference', label: 'Reference (optional)', attrs: { maxlength: 200 } });
  const priorityField = field({ id: 'start-priority', label: 'Priority', value: '',
    options: [['', 'Configured default'], ['high', 'high'], ['normal', 'normal'], ['low', 'low']] });
  const dataField = field({ id: 'start-data', label: 'Data (JSON)', type: 'textarea', value: '{}', wide: true,
    hint: 'The input data of the instance, a JSON object.' });
  const problem = h('p', { class: 'error-box', role: 'alert', hidden: true, id: 'start-problem' });
  const setVersions = () => {
    const d = definitions.find((x) => x.workflowId === workflowField.input.value);
    fill(versionField.input, (d ? [...d.versions].reverse() : []).map((v) => h('option', { value: v }, v)));
  };
  workflowField.input.addEventListener('change', setVersions);
  setVersions();
  const form = h('form', { class: 'panel', id: 'start-form', hidden: true, 'aria-labelledby': 'start-heading' },
    h('h2', { id: 'start-heading' }, 'Start a workflow'),
    h('div', { class: 'form-grid' }, workflowField.wrap, versionField.wrap, referenceField.wrap, priorityField.wrap),
    h('div', { class: 'form-grid' }, dataField.wrap),
    problem,
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', id: 'start-submit' }, 'Start')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    problem.hidden = true;
    let data;
    try {
      data = dataField.input.value.trim() ? JSON.parse(dataField.input.value) : {};
    } catch (e) {
      dataField.input.setAttribute('aria-invalid', 'true');
      fill(problem, `The data is not valid JSON: ${e.message}`);
      problem.hidden = false;
      dataField.input.focus();
      return;
    }
    dataField.input.removeAttribute('aria-invalid');
    const body = { data };
    if (referenceField.input.value.trim()) body.reference = referenceField.input.value.trim();
    if (priorityField.input.value) body.priority = priorityField.input.value;
    try {
      const started = await api(`/workflow/start/${encodeURIComponent(workflowField.input.value)}`, {
        method: 'POST', query: { version: versionField.input.value }, body });
      announce(`Started instance ${started.instanceId}`);
      ctx.navigate(`#/instances/${encodeURIComponent(started.instanceId)}`);
    } catch (e) {
      fill(problem, errorText(e));
      problem.hidden = false;
    }
  });
  return form;
}
