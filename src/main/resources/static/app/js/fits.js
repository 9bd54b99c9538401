// Starts a fit and waits for it. A fit answered at once is a 201 with the fit; a fit queued as a job is a
// 202 with Location: /api/v1/projects/{id}/fit-jobs/{jobId}, polled until it succeeds, fails or is cancelled.
import { call, ApiError } from './api.js';

const POLL_MS = 1000;
const MAX_POLLS = 1800;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export async function fitAndWait(fitsPath, body, progress) {
  progress('Fitting…');
  const started = await call('POST', fitsPath, { body });
  if (started.status !== 202) return started.body;
  const location = started.headers.get('Location') || (started.body && started.body.id != null
    ? fitsPath.replace(/\/fits$/, `/fit-jobs/${started.body.id}`) : null);
  if (!location) throw new ApiError(202, { title: 'The fit was queued', detail: 'but no job location came back' });
  const jobPath = new URL(location, window.location.href).pathname;
  for (let i = 0; i < MAX_POLLS; i++) {
    const job = (await call('GET', jobPath)).body;
    const share = typeof job.progress === 'number' ? (job.progress > 1 ? job.progress / 100 : job.progress) : null;
    const percent = share === null ? '' : ` ${Math.round(100 * Math.min(1, share))}%`;
    progress(`Fit job ${job.id}: ${job.status}${job.phase ? ' · ' + job.phase : ''}${percent}`);
    if (job.status === 'succeeded') return (await call('GET', `${fitsPath}/${job.fitId}`)).body;
    if (job.status === 'failed' || job.status === 'cancelled') {
      throw new ApiError(422, job.problem || { title: `The fit job ${job.status}` });
    }
    await sleep(POLL_MS);
  }
  throw new ApiError(0, { title: 'Still fitting', detail: 'The job is still running; reload the page later.' });
}
