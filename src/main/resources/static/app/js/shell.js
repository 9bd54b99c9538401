// The page shell: the API key, the project list and opening a project.
import { call, key, onCall } from './api.js';
import { el, $ } from './dom.js';
import { API, state, status, showError, guarded, emit, on, enc, projectPath } from './state.js';

// ---- key -------------------------------------------------------------------------------------------------

export function askForKey(message) {
  $('#app-view').hidden = true;
  $('#key-view').hidden = false;
  $('#key-status').hidden = true;
  if (message) status(message);
  $('#key-input').focus();
}

export async function start() {
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
  await emit('project', state.project);
}

export function renderProjectMeta() {
  const p = state.project;
  $('#project-meta').textContent = `${p.id} · ${p.runCount} runs · ${p.flopsPerToken} FLOPs per parameter per token`
    + ` · data revision ${p.dataRevision}`;
}

export async function refreshProject() {
  const response = await guarded(() => call('GET', projectPath()));
  if (response) { state.project = response.body; renderProjectMeta(); }
}

on('unauthorized', () => askForKey('That key was not accepted; enter a valid one.'));
on('runs', refreshProject);
