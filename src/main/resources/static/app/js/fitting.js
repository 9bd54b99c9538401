// Fits: the form that starts one (with a progress bar and a cancel button while it runs as a job), the
// chosen fit's summary with every warning the API gives, and a table comparing the project's fits.
import { call } from './api.js';
import { el, $, sig, warningList, table } from './dom.js';
import { state, guarded, projectPath, emit, on, status } from './state.js';
import { fitAndWait, listJobs } from './jobs.js';

const handle = {};
// Whether this server lists fit jobs (GET …/fit-jobs?status=): unknown until a fit runs as a job, so that a
// server without the list is never asked on every project (each 404 would be a console error).
let jobsListed = null;

/** Loads the project's fits; `selectId` picks one to show. Announces 'fits'. */
export async function loadFits(selectId) {
  const response = await guarded(() => call('GET', projectPath('/fits?size=50')));
  if (!response) return;
  state.allFits = response.body.content;
  // IsoFLOP analyses (Approach 2) and downstream fits have no loss law to draw along N, D or C.
  state.fits = state.allFits.filter((f) => f.form !== 'isoflop' && f.form !== 'downstream');
  $('#fits-empty').hidden = state.allFits.length > 0;
  renderComparison();
  await emit('fits', { selectId });
}

$('#fit-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.target;
  const button = $('#fit-button');
  const bar = $('#fit-progress-bar');
  const cancel = $('#fit-cancel');
  button.disabled = true;
  const progress = $('#fit-progress');
  const body = { form: form.form.value, bootstrap: Number(form.bootstrap.value) };
  if (body.form === 'downstream') {
    body.metric = form.metric.value.trim();
    body.shape = form.shape.value;
  }
  handle.queued = false;
  const watcher = setInterval(() => { cancel.hidden = !handle.cancel; }, 250);
  try {
    const fit = await guarded(() => fitAndWait(projectPath('/fits'), body, ({ text, share }) => {
      progress.textContent = text;
      bar.hidden = false;
      if (share === null) bar.removeAttribute('value'); else bar.value = share;
    }, handle));
    if (fit) {
      progress.textContent = `Fitted ${fit.form} on ${fit.runsUsed} runs in ${fit.durationMs} ms.`;
      await loadFits(fit.id);
    } else {
      progress.textContent = 'The fit did not finish; see the message above.';
    }
  } finally {
    clearInterval(watcher);
    button.disabled = false;
    bar.hidden = true;
    cancel.hidden = true;
    if (handle.queued || jobsListed) await showQueued();
  }
});

$('#fit-form-select').addEventListener('change', (event) => {
  $('#fit-downstream').hidden = event.target.value !== 'downstream';
});

$('#fit-cancel').addEventListener('click', async () => {
  if (!handle.cancel) return;
  await guarded(() => handle.cancel());
  status('Fit job cancelled.');
});

/** Queued and running jobs of the project, with one button to cancel every queued one. */
async function showQueued() {
  const box = $('#fit-jobs');
  // Not through guarded(): that clears the error box, which may hold why the last fit stopped.
  let jobs;
  try {
    const running = await listJobs(projectPath(), 'running');
    const queued = await listJobs(projectPath(), 'queued');
    jobs = running === null || queued === null ? null : { running, queued };
  } catch (e) {
    jobs = undefined;
  }
  if (jobs !== undefined) jobsListed = jobs !== null;
  box.replaceChildren();
  if (!jobs || (!jobs.running.length && !jobs.queued.length)) return;
  box.append(el('p', { class: 'meta' }, `${jobs.running.length} fit job(s) running, ${jobs.queued.length} queued.`),
    ...jobs.running.map((job) => el('p', { class: 'meta' }, `job ${job.id} (${job.form || 'fit'})`,
      el('progress', { max: 1, value: typeof job.progress === 'number' ? job.progress : null }))));
  if (jobs.queued.length) {
    box.append(el('button', { type: 'button', id: 'cancel-queued', onclick: async () => {
      if (await guarded(() => call('DELETE', projectPath('/fit-jobs?status=queued')))) {
        status('Queued fit jobs cancelled.');
        await showQueued();
      }
    } }, 'Cancel queued jobs'));
  }
}

/** The summary of one fit: parameters with intervals, goodness of fit, and its warnings. */
export function renderFit(fit) {
  const order = ['E', 'A', 'B', 'alpha', 'beta', 'Nc', 'Dc', 'alphaN', 'alphaD', 'a', 'b'];
  const rank = (name) => (order.indexOf(name) < 0 ? order.length : order.indexOf(name));
  const entries = Object.entries(fit.parameters || {}).sort(([a], [b]) => rank(a) - rank(b));
  const rows = entries.map(([name, e]) => el('tr', {},
    el('td', {}, name), el('td', { class: 'num', title: String(e.estimate) }, sig(e.estimate)),
    el('td', { class: 'num' }, e.lower == null ? 'no interval' : `${sig(e.lower)} – ${sig(e.upper)}`)));
  const g = fit.goodnessOfFit || {};
  const hold = fit.holdout;
  const draws = fit.bootstrap || {};
  $('#fit-summary').replaceChildren(
    el('p', {}, `${fit.form} fit ${fit.id}: ${fit.runsUsed} runs`
      + (g.rmseLogLoss != null ? `, RMSE of log loss ${sig(g.rmseLogLoss)}` : '')
      + (fit.downstream ? `, RMSE ${sig(fit.downstream.rmse)}, R² ${sig(fit.downstream.rSquared)}` : '')
      + `, ${Math.round(100 * fit.confidenceLevel)}% intervals from ${draws.successful || 0} `
      + (draws.method === 'one-step'
        ? `one-step bootstrap draws (checked against ${draws.oneStepCheck.checkedDraws} exact refits)`
        : 'bootstrap refits')
      + (hold ? `; held-out error ${sig(100 * hold.meanAbsoluteRelativeError)}% on the ${hold.runsHeldOut} largest runs` : '')
      + (fit.stale ? ' (runs changed since this fit)' : '') + '.'),
    warningList(fit.warnings, `Warnings of fit ${fit.id}`) || '',
    Array.isArray(fit.budgets) && fit.budgets.length ? table(fit.budgets, `IsoFLOP budgets of fit ${fit.id}: each`
      + ' parabola\'s minimum N*, D* and L*', ['flops', 'tag', 'runs', 'parametersOptimal', 'tokensOptimal', 'lossOptimal',
      'curvature', 'excluded', 'reason']) : '',
    fit.downstream ? table([fit.downstream], `Downstream fit of ${fit.metric} (${fit.shape})`) : '',
    el('div', { class: 'table-wrap' }, el('table', { class: 'params' }, el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'parameter'),
      el('th', { scope: 'col', class: 'num' }, 'estimate'), el('th', { scope: 'col', class: 'num' }, 'interval'))),
    el('tbody', {}, rows))));
}

/** Every fit of the project side by side: AIC/BIC, RMSE, held-out error, warnings; a row opens the fit. */
function renderComparison() {
  const box = $('#fit-compare');
  box.replaceChildren();
  if (state.allFits.length < 1) return;
  const head = ['fit', 'form', 'runs', 'RMSE log loss', 'AIC', 'BIC', 'held-out error', 'warnings'];
  box.append(el('table', { id: 'fit-compare-table' }, el('caption', {}, 'The project\'s fits compared (lower AIC/BIC is better on the same runs)'),
    el('thead', {}, el('tr', {}, head.map((h) => el('th', { scope: 'col', class: h === 'fit' || h === 'form' ? '' : 'num' }, h)))),
    el('tbody', {}, state.allFits.map((f) => {
      const g = f.goodnessOfFit || {};
      const open = el('button', { type: 'button', class: 'link', onclick: () => emit('select-fit', f.id) }, `fit ${f.id}`);
      return el('tr', { 'data-fit': f.id }, el('td', {}, open), el('td', {}, f.form + (f.stale ? ' (stale)' : '')),
        el('td', { class: 'num' }, f.runsUsed), el('td', { class: 'num' }, sig(g.rmseLogLoss)),
        el('td', { class: 'num' }, sig(g.aic)), el('td', { class: 'num' }, sig(g.bic)),
        el('td', { class: 'num' }, f.holdout ? `${sig(100 * f.holdout.meanAbsoluteRelativeError)}%` : '—'),
        el('td', { class: 'num' }, (f.warnings || []).length));
    }))));
}

on('project', () => { $('#fit-summary').replaceChildren(); $('#fit-jobs').replaceChildren(); return loadFits(); });
on('project', () => (jobsListed ? showQueued() : undefined));
