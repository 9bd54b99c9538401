// Cross-checks of a project's fits: Approach 2 (IsoFLOP) against Approach 3 (parametric fit), the backtest of
// the selected fit (refits on the smaller runs predicting the larger), and datasets compared by the tokens
// of the reference they are worth. Each answer is shown as the API gives it, numbers to 4 significant digits.
import { call } from './api.js';
import { el, $, sig, warningList, table } from './dom.js';
import { state, guarded, projectPath, on } from './state.js';

function show(box, ...nodes) {
  box.replaceChildren(...nodes.filter(Boolean));
  box.classList.remove('problem');
}

$('#agreement-button').addEventListener('click', async () => {
  const box = $('#crosscheck-result');
  const flops = $('#agreement-flops').value.trim();
  const response = await guarded(() => call('GET', projectPath(`/agreement${flops ? `?flops=${encodeURIComponent(flops)}` : ''}`)), box);
  if (!response) return;
  const a = response.body;
  const methods = ['approach2', 'approach3'].filter((m) => a[m]).map((m) => ({ method: m === 'approach2'
    ? 'Approach 2 (IsoFLOP)' : 'Approach 3 (parametric)', ...a[m] }));
  const budget = a.budget || {};
  const allocations = ['approach2', 'approach3'].filter((m) => budget[m]).map((m) => ({ method: m, ...budget[m] }));
  show(box, el('h4', {}, 'Agreement of Approach 2 and Approach 3'),
    el('p', { class: a.overlap === false ? 'warning' : '' }, a.note || ''),
    methods.length ? table(methods, 'N* ∝ C^a and D* ∝ C^b by each method', ['method', 'fitId', 'a', 'b']) : null,
    allocations.length ? table(allocations, `Allocations at C = ${sig(budget.flops)} FLOPs`) : null,
    a.difference ? el('p', { class: 'meta' }, `Difference (Approach 2 − 3): a ${sig(a.difference.a)}, b ${sig(a.difference.b)}`) : null);
});

$('#backtest-button').addEventListener('click', async () => {
  const box = $('#crosscheck-result');
  const fitId = $('#explore-fit').value;
  if (!fitId) return;
  show(box, el('p', { class: 'meta' }, `Backtesting fit ${fitId}: refits on the smaller runs…`));
  const response = await guarded(() => call('GET', projectPath(`/fits/${fitId}/backtest`)), box);
  if (!response) return;
  const b = response.body;
  show(box, el('h4', {}, `Backtest of ${b.form} fit ${b.fitId} on ${b.runs} runs`), el('p', {}, b.summary || b.note || ''),
    warningList(b.warnings), (b.points || []).length ? table(b.points, 'One row per cut-off: fitted below, predicted above') : null);
});

$('#datasets-button').addEventListener('click', async () => {
  const box = $('#crosscheck-result');
  const reference = $('#datasets-reference').value.trim();
  const response = await guarded(() => call('GET', projectPath('/datasets/comparison'
    + (reference ? `?reference=${encodeURIComponent(reference)}` : ''))), box);
  if (!response) return;
  const c = response.body;
  show(box, el('h4', {}, `Datasets compared with ${c.reference} (${c.form})`),
    el('p', {}, `At N = ${sig(c.parameters)} and D = ${sig(c.tokens)}: ${c.note || ''}`),
    table(c.rows || [], 'One row per dataset, the reference first', ['dataset', 'runs', 'loss', 'effectiveDataMultiplier', 'fitId', 'reason']),
    c.runsWithoutDataset ? el('p', { class: 'meta' }, `${c.runsWithoutDataset} runs without a dataset are left out.`) : null);
});

on('project', () => { $('#crosscheck-result').replaceChildren(); });
on('fits', () => { $('#crosscheck').hidden = state.allFits.length === 0; });
