// One instance: its facts, controls (as its status and the caller's permissions allow), failure, graph with the
// current and failed steps highlighted, the timeline of step activations, and its data. Refreshes every 2 s.
import { api } from '../api.js';
import { h, s, fill, badge, timeEl, duration, table, announce, errorText } from '../dom.js';
import { drawGraph } from '../graph.js';

const ACTIVE = new Set(['PENDING', 'SLEEPING', 'WAITING_EVENT', 'WAITING_CHILDREN', 'COMPENSATING', 'RUNNING']);
const TERMINAL = new Set(['COMPLETED', 'FAILED', 'CANCELLED']);
const CONTROLS = [
  { action: 'pause', label: 'Pause', when: ['PENDING', 'RUNNING'], path: (id) => [`/workflow/instance/${id}/pause`, 'POST'] },
  { action: 'resume', label: 'Resume', when: ['PAUSED'], path: (id) => [`/workflow/instance/${id}/resume`, 'POST'] },
  { action: 'retry', label: 'Retry', when: ['FAILED'], path: (id) => [`/workflow/instance/${id}/retry`, 'POST'] },
  { action: 'cancel', label: 'Cancel', when: ['PENDING', 'RUNNING', 'PAUSED'], path: (id) => [`/workflow/instance/${id}`, 'DELETE'], danger: true },
];

/** Each graph node's state from the step activations: failed > active/paused > done. */
export function nodeStates(instance, steps) {
  const idByName = new Map(steps.map((st) => [st.name, `s${st.id}`]));
  const states = {};
  const rankOf = { done: 1, active: 2, paused: 2, failed: 3 };
  const put = (node, state) => {
    if (node && (rankOf[state] || 0) > (rankOf[states[node]] || 0)) states[node] = state;
  };
  for (const p of instance.steps || []) {
    const node = idByName.get(p.stepName);
    if (p.status === 'FAILED') put(node, 'failed');
    else if (ACTIVE.has(p.status) && !TERMINAL.has(instance.status)) put(node, instance.status === 'PAUSED' ? 'paused' : 'active');
    else if (p.status === 'COMPLETE' || p.status === 'COMPENSATED') put(node, 'done');
  }
  if (instance.status === 'FAILED' && instance.failedStep) put(idByName.get(instance.failedStep), 'failed');
  if (instance.startedAt) states.start = 'done';
  if (instance.status === 'COMPLETED') states.finish = 'done';
  return states;
}

export async function render(ctx) {
  const { main, params } = ctx;
  const id = params[0];
  ctx.setTitle(`Instance ${id}`);
  // the heading and the controls stay the same elements across refreshes, so focus on them is kept
  const title = h('h1', { id: 'instance-title' });
  const controls = h('div', { class: 'actions', id: 'controls' });
  const head = h('div', { class: 'page-head' }, title, controls);
  const facts = h('section', { class: 'panel', 'aria-labelledby': 'facts-heading' });
  const failure = h('section', { id: 'failure', hidden: true });
  const problem = h('p', { class: 'error-box', role: 'alert', hidden: true, id: 'control-problem' });
  const graphBox = h('div', { class: 'graph', id: 'instance-graph' });
  const timeline = h('div', { id: 'timeline' });
  const dataBox = h('pre', { class: 'data', id: 'instance-data', tabindex: '0', 'aria-label': 'Instance data (JSON)' });
  fill(main,
    h('p', { class: 'small' }, h('a', { href: '#/instances' }, '← All instances')),
    head,
    problem,
    failure,
    h('div', { class: 'grid-2' },
      facts,
      h('section', { class: 'panel', 'aria-labelledby': 'graph-heading' },
        h('h2', { id: 'graph-heading' }, 'Workflow graph'), graphBox,
        h('ul', { class: 'legend', 'aria-label': 'Legend' },
          ['done', 'active', 'paused', 'failed', 'none'].map((st) => h('li', null, h('span', { class: `swatch st-${st}` }),
            { done: 'done', active: 'running or waiting', paused: 'paused', failed: 'failed', none: 'not reached' }[st]))))),
    h('section', { class: 'panel', 'aria-labelledby': 'timeline-heading' }, h('h2', { id: 'timeline-heading' }, 'Timeline'), timeline),
    h('section', { class: 'panel', 'aria-labelledby': 'data-heading' }, h('h2', { id: 'data-heading' }, 'Data'), dataBox));

  let definition = null;
  let graphText = null;
  let last = '';
  let confirming = false;

  async function load() {
    const instance = await api(`/workflow/instance/${encodeURIComponent(id)}`);
    if (!ctx.alive()) return;
    if (!definition) {
      const [def, graph] = await Promise.all([
        api(`/workflow/definitions/${encodeURIComponent(instance.workflowId)}`),
        api(`/workflow/definitions/${encodeURIComponent(instance.workflowId)}/graph`, { query: { version: instance.version } }),
      ]);
      definition = def.versions.find((v) => v.version === instance.version) || def.versions[def.versions.length - 1];
      graphText = graph.graph;
    }
    const key = JSON.stringify(instance);
    if (key === last || !ctx.alive()) {
      // an unchanged running instance still gets older
      const since = document.getElementById('instance-duration');
      if (since && instance.startedAt && !instance.completedAt) since.textContent = duration(Date.now() - new Date(instance.startedAt));
      return;
    }
    const statusChanged = last && JSON.parse(last).status !== instance.status;
    last = key;
    show(instance);
    if (statusChanged) announce(`Instance is now ${instance.status.toLowerCase()}`);
  }

  function show(instance) {
    const hadFocus = document.activeElement && controls.contains(document.activeElement) ? document.activeElement.id : null;
    fill(title, `${instance.workflowId} `, h('span', { class: 'muted' }, `v${instance.version}`), ' ',
      h('span', { id: 'instance-status' }, badge(instance.status)));
    if (!confirming) showControls(instance);
    if (hadFocus) document.getElementById(hadFocus)?.focus();

    const started = instance.startedAt ? new Date(instance.startedAt) : null;
    const ended = instance.completedAt ? new Date(instance.completedAt) : null;
    fill(facts, h('h2', { id: 'facts-heading' }, 'Instance'), h('dl', { class: 'facts' },
      h('dt', null, 'Id'), h('dd', { class: 'mono', id: 'instance-id' }, instance.instanceId),
      h('dt', null, 'Status'), h('dd', null, badge(instance.status)),
      h('dt', null, 'Reference'), h('dd', null, instance.reference || '—'),
      h('dt', null, 'Namespace'), h('dd', null, instance.namespace || 'default'),
      h('dt', null, 'Priority'), h('dd', null, String(instance.priority || '—').toLowerCase()),
      h('dt', null, 'Created'), h('dd', null, timeEl(instance.createdAt)),
      h('dt', null, 'Started'), h('dd', null, timeEl(instance.startedAt)),
      h('dt', null, 'Finished'), h('dd', null, timeEl(instance.completedAt)),
      h('dt', null, 'Duration'), h('dd', { id: 'instance-duration' }, started ? duration((ended || new Date()) - started) : '—'),
      instance.nextExecution && !TERMINAL.has(instance.status) ? [h('dt', null, 'Next step due'), h('dd', null, timeEl(instance.nextExecution))] : null,
      instance.metadata && Object.keys(instance.metadata).length ? [h('dt', null, 'Metadata'),
        h('dd', null, Object.entries(instance.metadata).map(([k, v]) => `${k}=${v}`).join(', '))] : null));

    if (instance.status === 'FAILED' || instance.failureReason) {
      failure.hidden = false;
      fill(failure, h('div', { class: 'error-box', id: 'failure-box' },
        h('h2', null, 'Failure'),
        h('dl', { class: 'facts' },
          h('dt', null, 'Reason'), h('dd', { id: 'failure-reason' }, instance.failureReason || '—'),
          h('dt', null, 'Step'), h('dd', { id: 'failure-step' }, instance.failedStep || '—'),
          h('dt', null, 'Error'), h('dd', { id: 'failure-message' }, instance.failureMessage || '—'))));
    } else {
      failure.hidden = true;
    }

    const states = nodeStates(instance, definition.steps);
    const current = Object.entries(states).filter(([, st]) => st === 'active' || st === 'paused').map(([n]) => n);
    const failed = Object.entries(states).filter(([, st]) => st === 'failed').map(([n]) => n);
    const nameOf = (node) => definition.steps.find((st) => `s${st.id}` === node)?.name || node;
    fill(graphBox, drawGraph(graphText, {
      title: `Graph of ${instance.workflowId} version ${instance.version}`,
      states,
      describe: `${definition.steps.length} steps. ${current.length ? `Current: ${current.map(nameOf).join(', ')}. ` : ''}`
        + `${failed.length ? `Failed: ${failed.map(nameOf).join(', ')}.` : ''}`,
    }));

    fill(timeline, timelineTable(instance));
    dataBox.textContent = JSON.stringify(instance.data ?? null, null, 2);
  }

  function showControls(instance) {
    const allowed = new Set(instance.allowedActions || []);
    const buttons = CONTROLS.filter((c) => allowed.has(c.action)).map((c) => {
      const enabled = c.when.includes(instance.status);
      return h('button', {
        type: 'button', id: `action-${c.action}`, class: c.danger ? 'danger' : null, disabled: !enabled,
        title: enabled ? null : `Not possible while ${instance.status.toLowerCase()}`,
        onclick: () => (c.danger ? confirm(c, instance) : run(c, instance)),
      }, c.label);
    });
    fill(controls, buttons.length ? buttons
      : h('span', { class: 'muted small', id: 'read-only' }, 'Read only: your credentials cannot control this instance.'));
  }

  function confirm(control, instance) {
    confirming = true;
    const yes = h('button', { type: 'button', class: 'danger', id: `confirm-${control.action}`,
      onclick: () => { confirming = false; run(control, instance); } }, `Yes, ${control.label.toLowerCase()} it`);
    fill(controls, h('div', { class: 'confirm', role: 'group', 'aria-label': 'Confirm' },
      h('span', null, `${control.label} this instance? No further step will run.`), yes,
      h('button', { type: 'button', class: 'secondary', id: 'confirm-keep',
        onclick: () => { confirming = false; showControls(instance); document.getElementById(`action-${control.action}`)?.focus(); } },
      'Keep it')));
    yes.focus();
  }

  async function run(control, instance) {
    const [path, method] = control.path(encodeURIComponent(instance.instanceId));
    problem.hidden = true;
    try {
      const result = await api(path, { method });
      announce(`${control.label} requested; the instance is ${String(result.status).toLowerCase()}`);
      last = '';
      await load();
      document.getElementById('controls')?.querySelector('button:not([disabled])')?.focus();
    } catch (e) {
      fill(problem, errorText(e));
      problem.hidden = false;
      last = '';
      await load().catch(() => {});
    }
  }

  await load();
  ctx.every(() => load().catch((e) => {
    if (!ctx.alive()) return;
    fill(problem, errorText(e));
    problem.hidden = false;
  }), 2000);
}

function timelineTable(instance) {
  const steps = [...(instance.steps || [])].sort((a, b) => a.pointerId - b.pointerId);
  const t0 = instance.startedAt ? new Date(instance.startedAt).getTime() : null;
  const tEnd = instance.completedAt ? new Date(instance.completedAt).getTime() : Date.now();
  const span = t0 ? Math.max(1, tEnd - t0) : 1;
  const rows = steps.map((p) => {
    const start = p.startedAt ? new Date(p.startedAt).getTime() : null;
    const end = p.endedAt ? new Date(p.endedAt).getTime() : (start ? tEnd : null);
    const bar = t0 && start ? s('svg', { class: 'bar', width: 140, height: 12, viewBox: '0 0 140 12', 'aria-hidden': 'true' },
      s('rect', { class: 'track', x: 0, y: 3, width: 140, height: 6, rx: 3 }),
      s('rect', { class: `span ${p.status.toLowerCase()}`, x: Math.min(138, ((start - t0) / span) * 140), y: 1,
        width: Math.max(2, ((end - start) / span) * 140), height: 10, rx: 2 })) : '';
    const waiting = p.waitingForEvent ? `waiting for ${p.waitingForEvent}` : p.wakeAt ? ['wakes ', timeEl(p.wakeAt)] : '';
    // the error's class without its package; the whole name on hover
    const type = p.errorType ? p.errorType.slice(p.errorType.lastIndexOf('.') + 1) : '';
    const error = p.errorMessage ? `${type ? `${type}: ` : ''}${p.errorMessage}` : '';
    return [
      String(p.pointerId),
      p.itemIndex !== undefined && p.itemIndex !== null ? `${p.stepName} [${p.itemIndex}]` : p.stepName,
      p.kind,
      badge(p.status),
      String(p.attempts),
      timeEl(p.startedAt),
      start && p.endedAt ? duration(end - start) : '—',
      bar,
      h('span', { class: error ? 'step-error' : null, title: p.errorType || null }, error || waiting || ''),
    ];
  });
  return table('Step activations, in the order they were created',
    [['#', 'num'], 'Step', 'Kind', 'Status', ['Attempts', 'num'], 'Started', ['Took', 'num'], 'When', ['Error or wait', 'wrap']],
    rows, { captionHidden: true, empty: 'No step has been activated yet.' });
}
