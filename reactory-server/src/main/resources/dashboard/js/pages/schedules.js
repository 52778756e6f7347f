// Schedules: the list with next/last fire times and outcomes, pause/resume/delete, and the create/edit form with
// cron validation and a preview of the next fire times in the schedule's time zone.
import { api } from '../api.js';
import { h, fill, badge, timeEl, zoned, relative, table, field, announce, errorText } from '../dom.js';

export async function render(ctx) {
  const which = ctx.params[0];
  if (which) return form(ctx, which === 'new' ? null : which);
  return list(ctx);
}

function stateOf(schedule) {
  const st = schedule.status || {};
  if (st.enabled === false || schedule.schedule?.enabled === false) return 'DISABLED';
  return st.paused ? 'PAUSED' : 'ACTIVE';
}

async function list(ctx) {
  const { main } = ctx;
  ctx.setTitle('Schedules');
  const problem = h('p', { class: 'error-box', role: 'alert', hidden: true, id: 'schedule-problem' });
  const results = h('div', { id: 'schedule-results' });
  fill(main,
    h('div', { class: 'page-head' }, h('h1', null, 'Schedules'),
      h('div', { class: 'actions' }, h('a', { class: 'button', href: '#/schedules/new', id: 'new-schedule' }, 'New schedule'))),
    h('p', { class: 'muted small' }, 'Times are shown in each schedule\'s own time zone.'),
    problem,
    results);
  let last = '';
  let confirmingDelete = null;

  async function load(force = false) {
    const data = await api('/workflow/schedules');
    const key = JSON.stringify(data) + confirmingDelete;
    if ((!force && key === last) || !ctx.alive()) return;
    last = key;
    const focused = results.contains(document.activeElement) ? document.activeElement.id : null;
    const rows = data.items.map((sc) => {
      const st = sc.status || {};
      const zone = sc.schedule?.timezone || 'UTC';
      const state = stateOf(sc);
      const safe = sc.id.replace(/[^A-Za-z0-9_-]/g, '_');
      const actions = confirmingDelete === sc.id
        ? h('div', { class: 'confirm', role: 'group', 'aria-label': `Delete ${sc.id}?` },
          h('span', null, 'Delete?'),
          h('button', { type: 'button', class: 'danger', id: `confirm-delete-${safe}`, onclick: () => remove(sc.id) }, 'Delete'),
          h('button', { type: 'button', class: 'secondary', id: `keep-${safe}`, onclick: () => { confirmingDelete = null; load(true); } }, 'Keep'))
        : h('div', { class: 'actions' },
          state === 'DISABLED' ? null : h('button', {
            type: 'button', class: 'secondary', id: `${st.paused ? 'resume' : 'pause'}-${safe}`,
            onclick: () => pauseOrResume(sc.id, st.paused ? 'resume' : 'pause'),
            'aria-label': `${st.paused ? 'Resume' : 'Pause'} ${sc.id}`,
          }, st.paused ? 'Resume' : 'Pause'),
          h('a', { class: 'button secondary', href: `#/schedules/${encodeURIComponent(sc.id)}/edit`, id: `edit-${safe}`,
            'aria-label': `Edit ${sc.id}` }, 'Edit'),
          h('button', { type: 'button', class: 'secondary', id: `delete-${safe}`, 'aria-label': `Delete ${sc.id}`,
            onclick: () => { confirmingDelete = sc.id; load(true).then(() => document.getElementById(`keep-${safe}`)?.focus()); } }, 'Delete'));
      return [
        h('div', null, h('strong', null, sc.id), sc.name ? h('div', { class: 'muted small' }, sc.name) : null),
        `${sc.workflow?.id ?? '—'}${sc.workflow?.version ? ` v${sc.workflow.version}` : ''}`,
        h('code', null, sc.schedule?.cron ?? '—'),
        zone,
        h('span', { class: 'schedule-state', dataset: { schedule: sc.id } }, badge(state)),
        st.nextFireTime ? h('span', null, zoned(st.nextFireTime, zone), h('div', { class: 'muted small' }, relative(st.nextFireTime)))
          : h('span', { class: 'muted' }, '—'),
        st.lastFireTime ? zoned(st.lastFireTime, zone) : h('span', { class: 'muted' }, 'never'),
        st.lastOutcome ? h('span', null, badge(st.lastOutcome), st.lastError ? h('div', { class: 'small' }, st.lastError) : null)
          : h('span', { class: 'muted' }, '—'),
        actions,
      ];
    });
    fill(results, table('Schedules', ['Schedule', 'Workflow', 'Cron', 'Time zone', 'State', 'Next fire', 'Last fire',
      'Last outcome', 'Actions'], rows, { captionHidden: true, empty: 'No schedules yet.' }));
    if (focused) document.getElementById(focused)?.focus();
  }

  async function pauseOrResume(id, action) {
    problem.hidden = true;
    try {
      await api(`/workflow/schedules/${encodeURIComponent(id)}/${action}`, { method: 'POST' });
      announce(`Schedule ${id} ${action === 'pause' ? 'paused' : 'resumed'}`);
      await load(true);
      const safe = id.replace(/[^A-Za-z0-9_-]/g, '_');
      document.getElementById(`${action === 'pause' ? 'resume' : 'pause'}-${safe}`)?.focus();
    } catch (e) {
      fill(problem, errorText(e));
      problem.hidden = false;
    }
  }

  async function remove(id) {
    problem.hidden = true;
    try {
      await api(`/workflow/schedules/${encodeURIComponent(id)}`, { method: 'DELETE' });
      confirmingDelete = null;
      announce(`Schedule ${id} deleted`);
      await load(true);
      document.getElementById('new-schedule')?.focus();
    } catch (e) {
      fill(problem, errorText(e));
      problem.hidden = false;
    }
  }

  await load();
  ctx.every(() => load().catch(() => {}), 5000);
}

async function form(ctx, id) {
  const { main } = ctx;
  ctx.setTitle(id ? `Edit schedule ${id}` : 'New schedule');
  const [definitions, existing] = await Promise.all([
    api('/workflow/definitions'),
    id ? api(`/workflow/schedules/${encodeURIComponent(id)}`) : Promise.resolve(null),
  ]);
  if (!ctx.alive()) return;
  const doc = existing ? { ...existing } : { schedule: { timezone: 'UTC', enabled: true } };
  delete doc.status;
  const workflows = definitions.items;

  const idField = field({ id: 'schedule-id', label: 'Id', value: doc.id || '',
    attrs: { required: true, maxlength: 100, pattern: '[A-Za-z0-9][A-Za-z0-9._-]*', readonly: !!existing },
    hint: existing ? 'The id of a schedule cannot change.' : 'Letters, digits, ".", "_" or "-".' });
  const nameField = field({ id: 'schedule-name', label: 'Name', value: doc.name || '', attrs: { maxlength: 200 } });
  const descField = field({ id: 'schedule-description', label: 'Description', value: doc.description || '', wide: true,
    attrs: { maxlength: 500 } });
  const workflowField = field({ id: 'schedule-workflow', label: 'Workflow', value: doc.workflow?.id || workflows[0]?.workflowId,
    options: workflows.map((w) => w.workflowId) });
  const versionField = field({ id: 'schedule-version', label: 'Version', options: [] });
  const cronField = field({ id: 'schedule-cron', label: 'Cron expression', value: doc.schedule?.cron || '',
    attrs: { required: true, spellcheck: 'false', autocomplete: 'off', placeholder: '0 6 * * *' },
    hint: 'minute hour day-of-month month day-of-week (seconds first for 6 fields), or @daily, @hourly…' });
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const zoneField = field({ id: 'schedule-timezone', label: 'Time zone', value: doc.schedule?.timezone || 'UTC',
    attrs: { list: 'zone-list', spellcheck: 'false', autocomplete: 'off' } });
  const enabled = h('input', { type: 'checkbox', id: 'schedule-enabled', checked: doc.schedule?.enabled !== false });
  const propsField = field({ id: 'schedule-properties', label: 'Properties (JSON: the input data of each run)', type: 'textarea',
    value: JSON.stringify(doc.properties || {}, null, 2), wide: true });
  const timeoutField = field({ id: 'schedule-timeout', label: 'Timeout (seconds)', type: 'number', value: doc.timeout ?? '',
    attrs: { min: 1 } });
  const concurrentField = field({ id: 'schedule-max-concurrent', label: 'Max concurrent runs', type: 'number',
    value: doc.maxConcurrent ?? '', attrs: { min: 1 } });
  const cronProblem = h('p', { class: 'problem', id: 'cron-problem', hidden: true });
  cronField.input.setAttribute('aria-describedby', 'schedule-cron-hint cron-problem');
  cronField.wrap.append(cronProblem);
  const preview = h('div', { id: 'cron-preview', 'aria-live': 'polite' });
  const problem = h('p', { class: 'error-box', role: 'alert', hidden: true, id: 'schedule-form-problem' });

  const setVersions = () => {
    const w = workflows.find((x) => x.workflowId === workflowField.input.value);
    fill(versionField.input, h('option', { value: '' }, 'latest'),
      (w ? [...w.versions].reverse() : []).map((v) => h('option', { value: v, selected: v === doc.workflow?.version }, v)));
  };
  workflowField.input.addEventListener('change', setVersions);
  setVersions();

  let check = null;
  let timer = null;
  async function runPreview() {
    const cron = cronField.input.value.trim();
    const zone = zoneField.input.value.trim() || 'UTC';
    if (!cron) {
      check = { valid: false, problems: [{ field: 'cron', message: 'a cron expression is required' }], next: [] };
    } else {
      // the schedule's DST policies (kept from the document; the form does not edit them) shape the fire times too
      check = await api('/workflow/cron/preview', { query: { cron, timezone: zone, count: 5,
        dstGap: doc.schedule?.dstGap, dstOverlap: doc.schedule?.dstOverlap } });
    }
    if (!ctx.alive()) return check;
    const cronIssue = check.problems.find((p) => p.field === 'cron');
    const zoneIssue = check.problems.find((p) => p.field === 'timezone');
    cronField.input.setAttribute('aria-invalid', String(!!cronIssue));
    zoneField.input.setAttribute('aria-invalid', String(!!zoneIssue));
    cronProblem.hidden = !cronIssue;
    fill(cronProblem, cronIssue ? cronIssue.message : '');
    if (check.valid) {
      problem.hidden = true;
      fill(preview, h('h3', null, `Next fire times in ${check.timezone}`),
        check.next.length ? h('ol', { class: 'preview-list', id: 'preview-times' }, check.next.map((t) => h('li', null,
          h('time', { datetime: t.at }, zoned(t.at, check.timezone)), h('span', { class: 'muted small' }, ` (${relative(t.at)})`))))
          : h('p', { class: 'muted' }, 'This expression never fires again.'));
    } else {
      fill(preview, h('p', { class: 'problem', id: 'preview-problem' }, check.problems.map((p) => `${p.field}: ${p.message}`).join('; ')));
    }
    return check;
  }
  const schedulePreview = () => {
    clearTimeout(timer);
    check = null;
    timer = setTimeout(() => runPreview().catch((e) => fill(preview, h('p', { class: 'problem' }, errorText(e)))), 250);
  };
  cronField.input.addEventListener('input', schedulePreview);
  zoneField.input.addEventListener('input', schedulePreview);

  const formEl = h('form', { class: 'panel', id: 'schedule-form', novalidate: true, 'aria-labelledby': 'schedule-form-heading' },
    h('div', { class: 'form-grid' }, idField.wrap, nameField.wrap, descField.wrap),
    h('h2', null, 'What it starts'),
    h('div', { class: 'form-grid' }, workflowField.wrap, versionField.wrap, propsField.wrap),
    h('h2', null, 'When'),
    h('div', { class: 'form-grid' }, cronField.wrap, zoneField.wrap,
      h('div', { class: 'field' }, h('span', { class: 'checkbox' }, enabled, h('label', { for: 'schedule-enabled' }, 'Enabled')))),
    preview,
    h('h2', null, 'Runs'),
    h('div', { class: 'form-grid' }, timeoutField.wrap, concurrentField.wrap),
    problem,
    h('div', { class: 'form-actions' },
      h('button', { type: 'submit', id: 'schedule-save' }, existing ? 'Save changes' : 'Create schedule'),
      h('a', { class: 'button secondary', href: '#/schedules' }, 'Cancel')),
    h('datalist', { id: 'zone-list' }, zones.map((z) => h('option', { value: z }))));
  formEl.addEventListener('submit', async (event) => {
    event.preventDefault();
    problem.hidden = true;
    clearTimeout(timer);
    const verdict = check || await runPreview().catch(() => null);
    if (!verdict || !verdict.valid) {
      fill(problem, 'Fix the schedule before saving: ', verdict ? verdict.problems.map((p) => `${p.field}: ${p.message}`).join('; ')
        : 'the cron expression could not be checked');
      problem.hidden = false;
      (verdict?.problems.some((p) => p.field === 'timezone') && !verdict.problems.some((p) => p.field === 'cron')
        ? zoneField.input : cronField.input).focus();
      return;
    }
    let properties;
    try {
      properties = propsField.input.value.trim() ? JSON.parse(propsField.input.value) : {};
    } catch (e) {
      fill(problem, `The properties are not valid JSON: ${e.message}`);
      problem.hidden = false;
      propsField.input.focus();
      return;
    }
    const body = {
      ...doc,
      id: idField.input.value.trim(),
      name: nameField.input.value.trim() || undefined,
      description: descField.input.value.trim() || undefined,
      workflow: { ...(doc.workflow || {}), id: workflowField.input.value, version: versionField.input.value || undefined },
      schedule: { ...(doc.schedule || {}), cron: cronField.input.value.trim(), timezone: zoneField.input.value.trim() || 'UTC',
        enabled: enabled.checked },
      properties,
      timeout: timeoutField.input.value ? Number(timeoutField.input.value) : undefined,
      maxConcurrent: concurrentField.input.value ? Number(concurrentField.input.value) : undefined,
    };
    try {
      if (existing) await api(`/workflow/schedules/${encodeURIComponent(existing.id)}`, { method: 'PUT', body });
      else await api('/workflow/schedules', { method: 'POST', body });
      announce(`Schedule ${body.id} saved`);
      ctx.navigate('#/schedules');
    } catch (e) {
      fill(problem, errorText(e));
      problem.hidden = false;
    }
  });

  fill(main,
    h('p', { class: 'small' }, h('a', { href: '#/schedules' }, '← All schedules')),
    h('h1', { id: 'schedule-form-heading' }, existing ? `Edit schedule ${existing.id}` : 'New schedule'),
    formEl);
  if (cronField.input.value) await runPreview().catch(() => {});
}
