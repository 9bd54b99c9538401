// Plans: every objective, the plan's intervals of N, D and loss (with error bars on zero-based axes), the
// warnings of the plan and of each alternative, and the project's past plans to reopen.
import { call } from './api.js';
import { el, $, count, sci, sig, dollars, warningList } from './dom.js';
import { state, guarded, projectPath, status, on, API } from './state.js';
import { image, download } from './plots.js';

const NEEDS = {
  'compute-optimal': ['budget'],
  'fixed-parameters': ['budget', 'parameters'],
  'fixed-tokens': ['budget', 'tokens'],
  'target-loss': ['target-loss'],
  'inference-aware': ['target-loss', 'inference'],
};
let chart = null;
window.addEventListener('resize', () => chart && chart.resize());

async function loadAccelerators() {
  if (state.accelerators.length) return;
  const response = await guarded(() => call('GET', `${API}/accelerators`));
  if (!response) return;
  state.accelerators = Array.isArray(response.body) ? response.body : response.body.content || [];
  for (const id of ['#budget-accelerator', '#budget-accelerator-d']) {
    $(id).replaceChildren(...state.accelerators.map((a) => el('option', { value: a.id }, a.name || a.id)));
    if (state.accelerators.some((a) => a.id === 'h100-sxm')) $(id).value = 'h100-sxm';
  }
}

function showFieldsFor(objective) {
  const needs = NEEDS[objective] || [];
  document.querySelectorAll('#plan-form [data-needs]').forEach((box) => {
    box.hidden = !needs.includes(box.dataset.needs);
  });
}

$('#plan-objective').addEventListener('change', (event) => showFieldsFor(event.target.value));
document.querySelectorAll('input[name=budget-kind]').forEach((radio) => radio.addEventListener('change', () => {
  const kind = document.querySelector('input[name=budget-kind]:checked').value;
  document.querySelectorAll('.budget[data-kind]').forEach((box) => { box.hidden = box.dataset.kind !== kind; });
}));

function budget(form) {
  const kind = document.querySelector('input[name=budget-kind]:checked').value;
  if (kind === 'flops') return { flops: Number(form.flops.value) };
  if (kind === 'hardware') {
    return { accelerator: form.accelerator.value, count: Number(form.count.value), hours: Number(form.hours.value) };
  }
  const gpus = Number(form['count-d'].value);
  const price = Number(form.price.value);
  return { accelerator: form['accelerator-d'].value, count: gpus, hours: Number(form.dollars.value) / (gpus * price),
    pricePerHour: price };
}

/** The request body for the chosen objective, from the fields it needs. */
export function planBody(form, fitId) {
  const objective = form.objective.value;
  const needs = NEEDS[objective];
  const body = { objective, fitId };
  if (needs.includes('budget')) body.budget = budget(form);
  if (needs.includes('parameters')) body.parameters = Number(form['plan-parameters'].value);
  if (needs.includes('tokens')) body.tokens = Number(form['plan-tokens'].value);
  if (needs.includes('target-loss')) body.targetLoss = Number(form['target-loss'].value);
  if (needs.includes('inference')) body.inferenceTokens = Number(form['inference-tokens'].value);
  return body;
}

$('#plan-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const result = $('#plan-result');
  result.replaceChildren();
  result.classList.remove('problem');
  const body = planBody(event.target, Number($('#explore-fit').value));
  const response = await guarded(() => call('POST', projectPath('/plans'), { body }), result);
  if (!response) return;
  await showPlan(response.body);
  status(`Plan ${response.body.id} made.`);
  await loadPlans();
});

/** One plan in full: figures, intervals, warnings, strategies, the error-bar chart and the server's plot. */
export async function showPlan(plan) {
  const result = $('#plan-result');
  result.replaceChildren();
  result.classList.remove('problem');
  result.dataset.plan = String(plan.id);
  renderPlan(plan, result);
  drawIntervals(plan);
  try {
    const img = await image(projectPath(`/plans/${plan.id}/plot`), `Strategies of plan ${plan.id} side by side`, [],
      { width: 1000, height: 420 });
    result.append(el('div', { class: 'plan-plot' }, img, download(img, `plan-${plan.id}-strategies.svg`)));
  } catch (e) { result.append(el('p', { class: 'problem' }, e.message)); }
}

function interval(bounds, format) {
  return bounds && bounds.lower != null ? `${format(bounds.lower)} – ${format(bounds.upper)}` : 'no interval';
}

function renderPlan(plan, box) {
  const chosen = (a) => Math.abs(a.parameters - plan.parameters) <= 1e-3 * plan.parameters;
  const rows = [{ strategy: `plan ${plan.id} (${plan.objective})`, parameters: plan.parameters, tokens: plan.tokens,
    plannedTokensPerParameter: plan.plannedTokensPerParameter, predictedLoss: plan.predictedLoss.estimate, plan: true,
    warnings: [] },
  ...(plan.alternatives || []).filter((a) => !chosen(a))];
  const costPerFlop = plan.cost != null ? plan.cost / plan.flops : null;
  const level = `${Math.round(100 * plan.confidenceLevel)}%`;
  box.append(...[
    el('p', {}, `C = ${sci(plan.flops)} FLOPs: ${count(plan.parameters)} parameters on ${count(plan.tokens)} tokens, `
      + `predicted loss ${sig(plan.predictedLoss.estimate)}`
      + (plan.cost != null ? `, ${dollars(plan.cost)}` : '') + (plan.acceleratorHours != null
        ? `, ${count(plan.acceleratorHours)} accelerator-hours` : '') + '.'),
    el('div', { class: 'table-wrap' }, el('table', { class: 'plan-intervals' }, el('caption', {}, `${level} intervals of plan ${plan.id}`),
      el('thead', {}, el('tr', {}, ['', 'estimate', 'interval'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {},
        el('tr', {}, el('th', { scope: 'row' }, 'N (parameters)'), el('td', { class: 'num' }, count(plan.parameters)),
          el('td', { class: 'num', 'data-interval': 'parameters' }, interval(plan.parametersInterval, count))),
        el('tr', {}, el('th', { scope: 'row' }, 'D (tokens)'), el('td', { class: 'num' }, count(plan.tokens)),
          el('td', { class: 'num', 'data-interval': 'tokens' }, interval(plan.tokensInterval, count))),
        el('tr', {}, el('th', { scope: 'row' }, 'loss'), el('td', { class: 'num' }, sig(plan.predictedLoss.estimate)),
          el('td', { class: 'num', 'data-interval': 'loss' }, interval(plan.predictedLoss, sig)))))),
    plan.extrapolation && plan.extrapolation.warning ? el('p', { class: 'warning' }, plan.extrapolation.warning) : null,
    warningList(plan.warnings, `Warnings of plan ${plan.id}`),
    plan.agreementNote ? el('p', { class: 'warning' }, plan.agreementNote) : null,
    el('div', { class: 'strategies' }, el('table', {},
      el('caption', { class: 'visually-hidden' }, 'Strategies for the same compute'),
      el('thead', {}, el('tr', {}, ['strategy', 'N', 'D', 'D/N', 'loss', 'cost', 'warnings'].map((h) =>
        el('th', { scope: 'col', class: h === 'strategy' || h === 'warnings' ? '' : 'num' }, h)))),
      el('tbody', {}, rows.map((r) => el('tr', { class: r.plan ? 'chosen' : '' },
        el('td', {}, r.strategy), el('td', { class: 'num' }, count(r.parameters)), el('td', { class: 'num' }, count(r.tokens)),
        el('td', { class: 'num' }, sig(r.plannedTokensPerParameter)), el('td', { class: 'num' }, sig(r.predictedLoss)),
        el('td', { class: 'num' }, costPerFlop != null ? dollars(costPerFlop * plan.flops) : sci(plan.flops) + ' FLOPs'),
        el('td', { class: 'text warn-cell' }, warningList(r.warnings, `Warnings of ${r.strategy}`) || '')))))),
    el('div', { id: 'plan-chart', class: 'plan-chart', role: 'img',
      'aria-label': `N, D and loss of plan ${plan.id} with their ${level} intervals as error bars, on axes from zero` }),
  ].filter(Boolean));
}

/** N, D and loss as bars from zero with the plan's intervals as error bars (one small panel each). */
function drawIntervals(plan) {
  if (!window.echarts) return;
  const panels = [
    { name: 'N (parameters)', value: plan.parameters, bounds: plan.parametersInterval, format: count },
    { name: 'D (tokens)', value: plan.tokens, bounds: plan.tokensInterval, format: count },
    { name: 'loss', value: plan.predictedLoss.estimate, bounds: plan.predictedLoss, format: sig },
  ];
  const container = $('#plan-chart');
  if (chart) chart.dispose();
  chart = window.echarts.init(container, null, { renderer: 'canvas' });
  const grid = panels.map((p, i) => ({ left: `${4 + i * 33}%`, width: '25%', top: 40, bottom: 30 }));
  chart.setOption({
    animation: false,
    title: panels.map((p, i) => ({ text: p.name, left: `${4 + i * 33}%`, top: 8, textStyle: { fontSize: 13 } })),
    grid,
    xAxis: panels.map((p, i) => ({ type: 'category', gridIndex: i, data: [`plan ${plan.id}`] })),
    yAxis: panels.map((p, i) => ({ type: 'value', gridIndex: i, min: 0,
      max: (extent) => Math.max(extent.max, p.bounds && p.bounds.upper != null ? p.bounds.upper : 0) * 1.1,
      axisLabel: { formatter: (v) => p.format(v) } })),
    series: panels.flatMap((p, i) => [
      { type: 'bar', xAxisIndex: i, yAxisIndex: i, data: [p.value], itemStyle: { color: '#1f4e9a' }, barWidth: '40%' },
      { type: 'custom', xAxisIndex: i, yAxisIndex: i, silent: true,
        data: p.bounds && p.bounds.lower != null ? [[0, p.bounds.lower, p.bounds.upper]] : [],
        renderItem: (params, api) => {
          const low = api.coord([api.value(0), api.value(1)]);
          const high = api.coord([api.value(0), api.value(2)]);
          const half = api.size([1, 0])[0] * 0.12;
          const style = { stroke: '#1d2330', lineWidth: 1.5 };
          return { type: 'group', children: [
            { type: 'line', shape: { x1: low[0], y1: low[1], x2: high[0], y2: high[1] }, style },
            { type: 'line', shape: { x1: low[0] - half, y1: low[1], x2: low[0] + half, y2: low[1] }, style },
            { type: 'line', shape: { x1: high[0] - half, y1: high[1], x2: high[0] + half, y2: high[1] }, style },
          ] };
        } },
    ]),
  }, true);
}

/** The project's plans, newest first; a button reopens each. */
export async function loadPlans() {
  const response = await guarded(() => call('GET', projectPath('/plans?size=50')));
  const box = $('#plan-list');
  box.replaceChildren();
  if (!response) return;
  const plans = response.body.content || [];
  if (!plans.length) { box.append(el('p', { class: 'empty' }, 'No plans yet.')); return; }
  box.append(el('ul', { class: 'plans' }, plans.map((p) => el('li', {},
    el('button', { type: 'button', class: 'link', 'data-plan': p.id, onclick: async () => {
      const full = await guarded(() => call('GET', projectPath(`/plans/${p.id}`)));
      if (full) await showPlan(full.body);
    } }, `plan ${p.id}`), ` · ${p.objective} · fit ${p.fitId} · ${count(p.parameters)} N, ${count(p.tokens)} D, `
      + `loss ${sig(p.predictedLoss && p.predictedLoss.estimate)}${p.stale ? ' · stale' : ''}`))));
}

on('project', () => { $('#plan-result').replaceChildren(); return loadPlans(); });
on('fits', async () => {
  $('#plan').hidden = state.fits.length === 0;
  if (state.fits.length) await loadAccelerators();
});
showFieldsFor($('#plan-objective').value);
