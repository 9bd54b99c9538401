// Runs: the table with its filter and pages, and uploads (drop or choose a CSV/JSON file).
import { call } from './api.js';
import { el, $, count, sci, sig, warningList } from './dom.js';
import { state, status, guarded, projectPath, emit, on } from './state.js';

// ---- runs ------------------------------------------------------------------------------------------------

export async function loadRuns() {
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
      el('td', { class: 'num', title: String(run.loss) }, sig(run.loss)),
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
  result.append(el('p', { class: 'ok' }, `${file.name}: ${r.created} runs stored, ${r.unchanged} already there.`),
    warningList(r.warnings, 'Upload warnings') || '');
  status('Upload done.');
  await loadRuns();
  await emit('runs');
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

on('project', () => { $('#upload-result').replaceChildren(); return loadRuns(); });
