// What the page's features share: the open project, the API root, the status line and error box.
import { ApiError, problemLines } from './api.js';
import { el, $ } from './dom.js';

export const API = '/api/v1';
export const state = { project: null, runsPage: 0, runsSize: 25, filter: {}, fits: [], allFits: [], accelerators: [],
  lastCurl: '' };

const listeners = {};

/** Features announce what changed ('project', 'runs', 'fits', 'plan') and others react, without importing each other. */
export function on(event, listener) { (listeners[event] = listeners[event] || []).push(listener); }
export async function emit(event, detail) {
  for (const listener of listeners[event] || []) await listener(detail);
}

export function enc(value) { return encodeURIComponent(value); }
export function projectPath(suffix = '') { return `${API}/projects/${enc(state.project.id)}${suffix}`; }

export function status(text) { $('#status').textContent = text || ''; }

export function showError(error, where) {
  const box = where || $('#error');
  box.replaceChildren();
  if (!error) { box.hidden = true; return; }
  const lines = error instanceof ApiError ? problemLines(error.problem) : [];
  box.append(el('p', {}, error.message || String(error)));
  if (lines.length) box.append(el('ul', {}, lines.slice(0, 200).map((line) => el('li', {}, line))));
  if (lines.length > 200) box.append(el('p', {}, `… and ${lines.length - 200} more`));
  box.hidden = false;
  if (error instanceof ApiError && error.status === 401) emit('unauthorized');
}

/** Runs an API action; a failure is shown (in `where`, else the page's error box) and answers undefined. */
export async function guarded(action, where) {
  showError(null);
  try { return await action(); } catch (e) { showError(e, where); if (where) where.classList.add('problem'); return undefined; }
}
