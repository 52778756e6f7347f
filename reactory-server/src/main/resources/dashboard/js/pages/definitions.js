// Definitions: every registered workflow and version, with its graph, steps, Mermaid source and (for administrators)
// its YAML configuration.
import { api } from '../api.js';
import { h, fill, table } from '../dom.js';
import { drawGraph } from '../graph.js';
import { toYaml } from '../yaml.js';

export async function render(ctx) {
  const { main, me, params, query } = ctx;
  ctx.setTitle('Definitions');
  const [list, configs] = await Promise.all([
    api('/workflow/definitions'),
    me.may.admin ? api('/workflow/configs') : Promise.resolve(null),
  ]);
  if (!ctx.alive()) return;
  const items = list.items;
  const selected = params[0] || items[0]?.workflowId;
  const side = h('nav', { class: 'panel', 'aria-label': 'Workflows' },
    h('h2', null, `Workflows (${items.length})`),
    h('ul', { class: 'side-list' }, items.map((d) => h('li', null, h('a', {
      href: `#/definitions/${encodeURIComponent(d.workflowId)}`, 'aria-current': d.workflowId === selected ? 'true' : null,
    }, d.workflowId, h('span', { class: 'muted small' }, ` · ${d.versions.length === 1 ? `v${d.versions[0]}` : `${d.versions.length} versions`}`))))));
  const detail = h('div', { id: 'definition-detail' });
  fill(main, h('h1', null, 'Definitions'), h('div', { class: 'grid-side' }, side, detail));
  if (!selected) {
    fill(detail, h('p', { class: 'notice' }, 'No workflow is registered.'));
    return;
  }
  const summary = items.find((d) => d.workflowId === selected);
  if (!summary) {
    fill(detail, h('p', { class: 'error-box' }, `There is no workflow "${selected}" you may read.`));
    return;
  }
  const def = await api(`/workflow/definitions/${encodeURIComponent(selected)}`);
  if (!ctx.alive()) return;
  const version = query.get('version') || summary.latest;
  const current = def.versions.find((v) => v.version === version) || def.versions[def.versions.length - 1];
  const graph = await api(`/workflow/definitions/${encodeURIComponent(selected)}/graph`, { query: { version: current.version } });
  if (!ctx.alive()) return;
  const config = configs?.workflows?.find((c) => c.id === selected && (!c.version || c.version === current.version))
    || configs?.workflows?.find((c) => c.id === selected);

  fill(detail,
    h('section', { class: 'panel', 'aria-labelledby': 'definition-heading' },
      h('h2', { id: 'definition-heading' }, selected, h('span', { class: 'muted' }, ` version ${current.version}`)),
      h('p', { class: 'muted small' }, `Namespace ${def.namespace || 'default'} · data type ${current.dataType}`),
      def.versions.length > 1 ? h('div', { class: 'tabs', role: 'group', 'aria-label': 'Versions' },
        def.versions.map((v) => h('a', {
          class: 'button secondary', href: `#/definitions/${encodeURIComponent(selected)}?version=${encodeURIComponent(v.version)}`,
          'aria-current': v.version === current.version ? 'true' : null,
        }, `v${v.version}`))) : null,
      h('div', { class: 'graph', id: 'definition-graph' }, drawGraph(graph.graph, {
        title: `Graph of ${selected} version ${current.version}`,
        describe: `${current.steps.length} steps: ${current.steps.map((st) => st.name).join(', ')}`,
      })),
      h('details', null, h('summary', null, 'Mermaid source'), h('pre', { class: 'data', id: 'mermaid-source' }, graph.graph))),
    h('section', { class: 'panel', 'aria-labelledby': 'steps-heading' },
      h('h2', { id: 'steps-heading' }, 'Steps'),
      table(`Steps of ${selected} version ${current.version}`, [['Id', 'num'], 'Name', 'Kind'],
        current.steps.map((st) => [String(st.id), st.name, st.kind]), { captionHidden: true })),
    h('section', { class: 'panel', 'aria-labelledby': 'config-heading' },
      h('h2', { id: 'config-heading' }, 'Configuration'),
      !me.may.admin ? h('p', { class: 'muted' }, 'The configuration is shown to administrators.')
        : config ? h('pre', { class: 'data', id: 'config-yaml', tabindex: '0', 'aria-label': 'Configuration (YAML)' }, toYaml(config))
          : h('p', { class: 'muted', id: 'config-yaml' }, `No configuration file names ${selected}; it runs with the defaults.`)));
}
