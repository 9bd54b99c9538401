// The app shell: key, projects, runs, fits, plans. Every value from the server is set as text.
import { call, key, onCall, problemLines, ApiError } from './api.js';
import { el, $, count, sci, fixed, dollars } from './dom.js';
import { Explorer } from './explore.js';
import { fitAndWait } from './fits.js';

const API = '/api/v1';
const state = { project: null, runsPage: 0, runsSize: 25, filter: {}, fits: [], accelerators: [], lastCurl: '' };
let explorer = null;

function enc(value) { return encodeURIComponent(value); }
function projectPath(suffix = '') { return `${API}/projects/${enc(state.project.id)}${suffix}`; }

function status(text) { $('#status').textContent = text || ''; }

function showError(error, where) {
  const box = where || $('#error');
  box.replaceChildren();
  if (!error) { box.hidden = true; return; }
  const lines = error instanceof ApiError ? problemLines(error.problem) : [];
  box.append(el('p', {}, error.message || String(error)));
  if (lines.length) box.append(el('ul', {}, lines.slice(0, 200).map((line) => el('li', {}, line))));
  if (lines.length > 200) box.append(el('p', {}, `… and ${lines.length - 200} more`));
  box.hidden = false;
  if (error instanceof ApiError && error.status === 401) askForKey('That key was not accepted; enter a valid one.');
}

function clearErrors() { showError(null); }

async function guarded(action, where) {
  clearErrors();
  try { return await action(); } catch (e) { showError(e, where); if (where) where.classList.add('problem'); return undefined; }
}

// ---- key -------------------------------------------------------------------------------------------------

function askForKey(message) {
  $('#app-view').hidden = true;
  $('#key-view').hidden = false;
  $('#key-status').hidden = true;
  if (message) status(message);
  $('#key-input').focus();
}

async function start() {
  if (!key.get()) { askForKey(); return; }
  $('#key-view').hidden = true;
  $('#app-view').hidden = false;
  $('#key-status').hidden = false;
  await loadProjects();
}

$('#key-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const value = $('#key-input').value.trim();
  if (!value) return;
  key.set(value);
  $('#key-input').value = '';
  try {
    await call('GET', `${API}/projects?size=1`);
    status('Key accepted.');
    await start();
  } catch (e) {
    key.forget();
    showError(e);
    askForKey();
  }
});

$('#forget-key').addEventListener('click', () => { key.forget(); state.project = null; askForKey('Key forgotten.'); });

onCall((text) => { state.lastCurl = text; $('#curl').textContent = text; });
$('#copy-curl').addEventListener('click', async () => {
  try { await navigator.clipboard.writeText(state.lastCurl); status('curl command copied.'); } catch (e) {
    const range = document.createRange();
    range.selectNodeContents($('#curl'));
    getSelection().removeAllRanges();
    getSelection().addRange(range);
    status('Select-all done: press Ctrl+C to copy.');
  }
});

// ---- projects --------------------------------------------------------------------------------------------

async function loadProjects(select) {
  const page = await guarded(() => call('GET', `${API}/projects?size=200`));
  if (!page) return;
  const list = $('#project-list');
  list.replaceChildren();
  $('#projects-empty').hidden = page.body.content.length > 0;
  for (const project of page.body.content) {
    const button = el('button', { type: 'button', 'data-project': project.id,
      'aria-current': state.project && state.project.id === project.id ? 'true' : 'false',
      onclick: () => openProject(project.id) }, project.name, el('br'), el('small', {}, project.id));
    list.append(el('li', {}, button));
  }
  if (select) await openProject(select);
}

$('#project-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.target;
  const body = { id: form.id.value.trim(), name: form.name.value.trim() };
  const created = await guarded(() => call('POST', `${API}/projects`, { body }));
  if (!created) return;
  form.reset();
  status(`Project ${created.body.id} created.`);
  await loadProjects(created.body.id);
});

async function openProject(id) {
  const response = await guarded(() => call('GET', `${API}/projects/${enc(id)}`));
  if (!response) return;
  state.project = response.body;
  state.runsPage = 0;
  state.filter = {};
  document.querySelectorAll('#project-list button').forEach((b) =>
    b.setAttribute('aria-current', b.dataset.project === id ? 'true' : 'false'));
  $('#project-view').hidden = false;
  $('#project-title').textContent = state.project.name;
  renderProjectMeta();
  $('#upload-result').replaceChildren();
  $('#plan-result').replaceChildren();
  $('#fit-summary').replaceChildren();
  await Promise.all([loadRuns(), loadFits()]);
}

function renderProjectMeta() {
  const p = state.project;
  $('#project-meta').textContent = `${p.id} · ${p.runCount} runs · ${p.flopsPerToken} FLOPs per parameter per token`
    + ` · data revision ${p.dataRevision}`;
}

async function refreshProject() {
  const response = await guarded(() => call('GET', projectPath()));
  if (response) { state.project = response.body; renderProjectMeta(); }
}

// ---- runs ------------------------------------------------------------------------------------------------

async function loadRuns() {
  const query = new URLSearchParams({ page: state.runsPage, size: state.runsSize });
  if (state.filter.dataset) query.set('dataset', state.filter.dataset);
  if (state.filter.tag) query.append('tag', state.filter.tag);
  const response = await guarded(() => call('GET', projectPath(`/runs?${query}`)));
  if (!response) return;
  const page = response.body;
  const body = $('#runs-table tbody');
  body.replaceChildren();
  for (const run of page.content) {
    const tags = Object.entries(run.tags || {}).map(([k, v]) => `${k}=${v}`).join(', ');
    body.append(el('tr', {},
      el('td', { class: 'num' }, run.id), el('td', { class: 'text' }, run.externalId || ''),
      el('td', { class: 'num', title: String(run.parameters) }, count(run.parameters)),
      el('td', { class: 'num', title: String(run.tokens) }, count(run.tokens)),
      el('td', { class: 'num', title: String(run.flops) }, sci(run.flops)),
      el('td', { class: 'num' }, fixed(run.loss, 4)),
      el('td', { class: 'text' }, run.dataset || ''), el('td', { class: 'text' }, tags)));
  }
  const filtered = Boolean(state.filter.dataset || state.filter.tag);
  $('#runs-table').hidden = page.totalElements === 0;
  $('#runs-empty').hidden = page.totalElements > 0 || filtered;
  $('#runs-page').textContent = page.totalElements === 0
    ? (filtered ? 'No runs match this filter.' : '')
    : `Page ${page.page + 1} of ${page.totalPages} · ${page.totalElements} runs`;
  $('#runs-prev').disabled = page.page <= 0;
  $('#runs-next').disabled = page.page + 1 >= page.totalPages;
}

$('#runs-prev').addEventListener('click', () => { state.runsPage = Math.max(0, state.runsPage - 1); loadRuns(); });
$('#runs-next').addEventListener('click', () => { state.runsPage += 1; loadRuns(); });
$('#runs-filter').addEventListener('submit', (event) => {
  event.preventDefault();
  state.filter = { dataset: event.target.dataset.value.trim(), tag: event.target.tag.value.trim() };
  state.runsPage = 0;
  loadRuns();
});

async function upload(file) {
  const result = $('#upload-result');
  result.replaceChildren();
  result.classList.remove('problem');
  if (!file) return;
  const json = file.name.toLowerCase().endsWith('.json') || file.type === 'application/json';
  status(`Uploading ${file.name}…`);
  const response = await guarded(() => call('POST', projectPath('/runs'),
    { body: file, contentType: json ? 'application/json' : 'text/csv' }), result);
  if (!response) { status(''); result.prepend(el('p', {}, `Nothing from ${file.name} was stored.`)); return; }
  const r = response.body;
  result.append(el('p', { class: 'ok' }, `${file.name}: ${r.created} runs stored, ${r.unchanged} already there.`));
  status('Upload done.');
  await Promise.all([loadRuns(), refreshProject()]);
}

const drop = $('#drop-zone');
$('#runs-file').addEventListener('change', (event) => { upload(event.target.files[0]); event.target.value = ''; });
drop.addEventListener('dragover', (event) => { event.preventDefault(); drop.classList.add('over'); });
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (event) => {
  event.preventDefault();
  drop.classList.remove('over');
  upload(event.dataTransfer.files[0]);
});
drop.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); $('#runs-file').click(); }
});

// ---- fits ------------------------------------------------------------------------------------------------

async function loadFits(selectId) {
  const response = await guarded(() => call('GET', projectPath('/fits?size=50')));
  if (!response) return;
  // IsoFLOP analyses (Approach 2) have budgets, not a law to draw or plan along a curve here.
  state.fits = response.body.content.filter((f) => f.form !== 'isoflop');
  $('#fits-empty').hidden = state.fits.length > 0;
  $('#explore').hidden = state.fits.length === 0;
  $('#plan').hidden = state.fits.length === 0;
  const options = state.fits.map((f) => el('option', { value: f.id },
    `${f.form} fit ${f.id} · ${f.runsUsed} runs${f.stale ? ' · stale' : ''}`));
  $('#explore-fit').replaceChildren(...options);
  $('#explore-compare').replaceChildren(el('option', { value: '' }, 'nothing'),
    ...state.fits.map((f) => el('option', { value: f.id }, `${f.form} fit ${f.id}`)));
  if (state.fits.length === 0) return;
  const chosen = selectId ? state.fits.find((f) => f.id === selectId) : state.fits[0];
  $('#explore-fit').value = String(chosen.id);
  renderFit(chosen);
  await explore();
  await loadAccelerators();
}

$('#fit-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.target;
  const button = $('#fit-button');
  button.disabled = true;
  const progress = $('#fit-progress');
  const body = { form: form.form.value, bootstrap: Number(form.bootstrap.value) };
  try {
    const fit = await guarded(() => fitAndWait(projectPath('/fits'), body, (text) => { progress.textContent = text; }));
    if (fit) {
      progress.textContent = `Fitted ${fit.form} on ${fit.runsUsed} runs in ${fit.durationMs} ms.`;
      await loadFits(fit.id);
    } else {
      progress.textContent = 'The fit did not finish; see the message above.';
    }
  } finally { button.disabled = false; }
});

function renderFit(fit) {
  const order = ['E', 'A', 'B', 'alpha', 'beta', 'Nc', 'Dc', 'alphaN', 'alphaD', 'a', 'b'];
  const rank = (name) => (order.indexOf(name) < 0 ? order.length : order.indexOf(name));
  const entries = Object.entries(fit.parameters).sort(([a], [b]) => rank(a) - rank(b));
  const rows = entries.map(([name, e]) => el('tr', {},
    el('td', {}, name), el('td', { class: 'num' }, fixed(e.estimate, 4)),
    el('td', { class: 'num' }, `${fixed(e.lower, 4)} – ${fixed(e.upper, 4)}`)));
  const g = fit.goodnessOfFit || {};
  const hold = fit.holdout;
  $('#fit-summary').replaceChildren(
    el('p', {}, `${fit.form} fit ${fit.id}: ${fit.runsUsed} runs, RMSE of log loss ${fixed(g.rmseLogLoss, 4)}, `
      + `${Math.round(100 * fit.confidenceLevel)}% intervals from ${fit.bootstrap.successful} `
      + (fit.bootstrap.method === 'one-step'
        ? `one-step bootstrap draws (checked against ${fit.bootstrap.oneStepCheck.checkedDraws} exact refits)`
        : 'bootstrap refits')
      + (hold ? `; held-out error ${fixed(100 * hold.meanAbsoluteRelativeError, 2)}% on the ${hold.runsHeldOut} largest runs` : '')
      + (fit.stale ? ' (runs changed since this fit)' : '') + '.'),
    el('div', { class: 'table-wrap' }, el('table', { class: 'params' }, el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'parameter'),
      el('th', { scope: 'col', class: 'num' }, 'estimate'), el('th', { scope: 'col', class: 'num' }, 'interval'))),
    el('tbody', {}, rows))));
}

// ---- explore ---------------------------------------------------------------------------------------------

async function explore() {
  const fit = state.fits.find((f) => String(f.id) === $('#explore-fit').value);
  if (!fit) return;
  renderFit(fit);
  if (!explorer) explorer = new Explorer($('#chart'));
  const compare = state.fits.find((f) => String(f.id) === $('#explore-compare').value);
  await guarded(() => explorer.show({
    projectPath: projectPath(), fit, compare, axis: $('#explore-axis').value,
    bands: $('#explore-bands').checked, logX: $('#explore-logx').checked, logY: $('#explore-logy').checked,
  }));
  await showPlots(fit);
}

['#explore-fit', '#explore-compare', '#explore-axis', '#explore-bands', '#explore-logx', '#explore-logy']
  .forEach((id) => $(id).addEventListener('change', explore));

let shownUrls = [];
let plotsGeneration = 0;

async function image(path, alt, urls) {
  const response = await call('GET', path, { asBlob: true, accept: 'image/svg+xml' });
  const url = URL.createObjectURL(response.body);
  urls.push(url);
  return el('img', { src: url, alt, width: 900, height: 560 });
}

/** The server's plots of a fit; a newer call (another fit, a new plan) wins over one still loading. */
async function showPlots(fit) {
  const generation = ++plotsGeneration;
  const urls = [];
  const kinds = fit.form === 'chinchilla' || fit.form === 'kaplan' ? ['loss-vs-compute', 'isoflop', 'residuals']
    : fit.form === 'power-law-flops' ? ['loss-vs-compute', 'residuals'] : ['residuals'];
  const figures = [];
  for (const kind of kinds) {
    const figure = el('figure', { 'data-kind': kind });
    try {
      figure.append(await image(projectPath(`/fits/${fit.id}/plots/${kind}`), `${kind} plot of fit ${fit.id}`, urls),
        el('figcaption', {}, kind));
    } catch (e) { figure.append(el('p', { class: 'problem' }, e.message)); }
    figures.push(figure);
  }
  if (generation !== plotsGeneration) { urls.forEach((url) => URL.revokeObjectURL(url)); return; }
  shownUrls.forEach((url) => URL.revokeObjectURL(url));
  shownUrls = urls;
  $('#plots').replaceChildren(...figures);
}

// ---- plans -----------------------------------------------------------------------------------------------

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

document.querySelectorAll('input[name=budget-kind]').forEach((radio) => radio.addEventListener('change', () => {
  const kind = document.querySelector('input[name=budget-kind]:checked').value;
  document.querySelectorAll('.budget').forEach((box) => { box.hidden = box.dataset.kind !== kind; });
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

$('#plan-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const result = $('#plan-result');
  result.replaceChildren();
  result.classList.remove('problem');
  const fitId = Number($('#explore-fit').value);
  const body = { objective: 'compute-optimal', fitId, budget: budget(event.target) };
  const response = await guarded(() => call('POST', projectPath('/plans'), { body }), result);
  if (!response) return;
  const plan = response.body;
  renderPlan(plan, result);
  status(`Plan ${plan.id} made.`);
  try {
    result.append(el('div', { class: 'plan-plot' },
      await image(projectPath(`/plans/${plan.id}/plot`), `Strategies of plan ${plan.id} side by side`, [])));
  } catch (e) { result.append(el('p', { class: 'problem' }, e.message)); }
  await showPlots(state.fits.find((f) => f.id === fitId));
});

function renderPlan(plan, box) {
  const chosen = (a) => Math.abs(a.parameters - plan.parameters) <= 1e-3 * plan.parameters;
  const rows = [{ strategy: `plan ${plan.id} (${plan.objective})`, parameters: plan.parameters, tokens: plan.tokens,
    plannedTokensPerParameter: plan.plannedTokensPerParameter, predictedLoss: plan.predictedLoss.estimate, plan: true },
  ...plan.alternatives.filter((a) => !chosen(a))];
  const costPerFlop = plan.cost != null ? plan.cost / plan.flops : null;
  box.append(...[
    el('p', {}, `C = ${sci(plan.flops)} FLOPs: ${count(plan.parameters)} parameters on ${count(plan.tokens)} tokens, `
      + `predicted loss ${fixed(plan.predictedLoss.estimate)} (${fixed(plan.predictedLoss.lower)}–${fixed(plan.predictedLoss.upper)})`
      + (plan.cost != null ? `, ${dollars(plan.cost)}` : '') + (plan.acceleratorHours != null
        ? `, ${count(plan.acceleratorHours)} accelerator-hours` : '') + '.'),
    plan.extrapolation && plan.extrapolation.warning ? el('p', { class: 'warning' }, plan.extrapolation.warning) : null,
    el('div', { class: 'strategies' }, el('table', {},
      el('caption', { class: 'visually-hidden' }, 'Strategies for the same compute'),
      el('thead', {}, el('tr', {}, ['strategy', 'N', 'D', 'D/N', 'loss', 'cost'].map((h) =>
        el('th', { scope: 'col', class: h === 'strategy' ? '' : 'num' }, h)))),
      el('tbody', {}, rows.map((r) => el('tr', { class: r.plan ? 'chosen' : '' },
        el('td', {}, r.strategy), el('td', { class: 'num' }, count(r.parameters)), el('td', { class: 'num' }, count(r.tokens)),
        el('td', { class: 'num' }, fixed(r.plannedTokensPerParameter, 1)), el('td', { class: 'num' }, fixed(r.predictedLoss)),
        el('td', { class: 'num' }, costPerFlop != null ? dollars(costPerFlop * plan.flops) : sci(plan.flops) + ' FLOPs'))))))]
    .filter(Boolean));
}

start();
