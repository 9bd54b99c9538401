// Starts a fit and waits for it. A fit answered at once is a 201 with the fit; a fit queued as a job is a
// 202 with Location: /api/v1/projects/{id}/fit-jobs/{jobId}, polled until it succeeds, fails or is cancelled.
// The job's `progress` runs 0→1 over all its phases; `cancel()` on the handle deletes the job.
import { call, ApiError } from './api.js';

const POLL_MS = 1000;
const MAX_POLLS = 1800;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The job's overall share done in [0, 1], or null when it does not say (older servers answered a percentage). */
export function share(job) {
  if (typeof job.progress !== 'number') return null;
  return Math.max(0, Math.min(1, job.progress > 1 ? job.progress / 100 : job.progress));
}

/**
 * Fits and waits; `progress({text, share, job})` is told each step. Answers the fit; rejects with ApiError when
 * the fit fails or is cancelled. `handle.cancel` is set while a job runs.
 */
export async function fitAndWait(fitsPath, body, progress, handle = {}) {
  progress({ text: 'Fitting…', share: null });
  const started = await call('POST', fitsPath, { body });
  if (started.status !== 202) return started.body;
  const location = started.headers.get('Location') || (started.body && started.body.id != null
    ? fitsPath.replace(/\/fits$/, `/fit-jobs/${started.body.id}`) : null);
  if (!location) throw new ApiError(202, { title: 'The fit was queued', detail: 'but no job location came back' });
  const jobPath = new URL(location, window.location.href).pathname;
  let cancelled = false;
  handle.queued = true;
  handle.cancel = async () => { cancelled = true; await call('DELETE', jobPath); };
  try {
    for (let i = 0; i < MAX_POLLS; i++) {
      const job = (await call('GET', jobPath)).body;
      const done = share(job);
      progress({ text: `Fit job ${job.id}: ${job.status}${job.phase ? ' · ' + job.phase : ''}`
        + (done === null ? '' : ` · ${Math.round(100 * done)}%`), share: done, job });
      if (job.status === 'succeeded') return (await call('GET', `${fitsPath}/${job.fitId}`)).body;
      if (job.status === 'failed' || job.status === 'cancelled') {
        throw new ApiError(cancelled ? 409 : 422, job.problem || { title: `The fit job ${job.status}` });
      }
      await sleep(POLL_MS);
    }
  } finally {
    handle.cancel = null;
  }
  throw new ApiError(0, { title: 'Still fitting', detail: 'The job is still running; reload the page later.' });
}

/**
 * The project's fit jobs with a status (`GET …/fit-jobs?status=`), or null when this server has no such list
 * (it answers 404 or 405): the page then shows only the job it started.
 */
export async function listJobs(projectPath, status) {
  try {
    const response = await call('GET', `${projectPath}/fit-jobs?status=${encodeURIComponent(status)}`);
    const body = response.body;
    return Array.isArray(body) ? body : (body && (body.content || body.jobs)) || [];
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 405)) return null;
    throw e;
  }
}
