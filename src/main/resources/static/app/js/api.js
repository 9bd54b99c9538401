// Calls /api/v1 with the key from session storage (never from or into a URL), turns problem+json into words,
// and remembers the last call as an equivalent curl command (with the key left as $SCALEPLAN_KEY).
const KEY = 'scaleplan.apiKey';
const listeners = [];

export const key = {
  get: () => sessionStorage.getItem(KEY),
  set: (value) => sessionStorage.setItem(KEY, value),
  forget: () => sessionStorage.removeItem(KEY),
};

/** An API failure: the problem document's title, detail and errors, ready to show. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(describe(status, problem));
    this.status = status;
    this.problem = problem || {};
  }
}

export function onCall(listener) { listeners.push(listener); }

function describe(status, problem) {
  if (!problem) return `The server answered ${status}.`;
  const head = [problem.title, problem.detail].filter(Boolean).join(': ');
  return head || `The server answered ${status}.`;
}

/** The errors list of a problem in words: "row 3, loss: must be > 0". */
export function problemLines(problem) {
  return (problem && Array.isArray(problem.errors) ? problem.errors : []).map((e) => {
    const where = [e.row != null ? `row ${e.row}` : null, e.field || e.pointer].filter(Boolean).join(', ');
    return where ? `${where}: ${e.message}` : String(e.message);
  });
}

/**
 * fetch() against the API. Resolves to {status, headers, body} where body is parsed JSON (or a Blob when
 * asBlob); rejects with ApiError on 4xx/5xx.
 */
export async function call(method, path, { body, contentType, asBlob, accept } = {}) {
  const headers = { Accept: accept || 'application/json, application/problem+json' };
  const secret = key.get();
  if (secret) headers.Authorization = `Bearer ${secret}`;
  let payload;
  if (body !== undefined) {
    headers['Content-Type'] = contentType || 'application/json';
    payload = typeof body === 'string' || body instanceof Blob ? body : JSON.stringify(body);
  }
  // Images the page loads by itself are not what a person wants to repeat with curl.
  if (!asBlob) listeners.forEach((l) => l(curl(method, path, headers, payload)));
  let response;
  try {
    response = await fetch(path, { method, headers, body: payload, credentials: 'omit', cache: 'no-cache' });
  } catch (e) {
    throw new ApiError(0, { title: 'The server could not be reached', detail: 'Check that scaleplan is running.' });
  }
  if (!response.ok) {
    let problem = null;
    const type = response.headers.get('Content-Type') || '';
    if (type.includes('json')) {
      try { problem = await response.json(); } catch (e) { problem = null; }
    }
    throw new ApiError(response.status, problem);
  }
  let parsed = null;
  if (asBlob) parsed = await response.blob();
  else if (response.status !== 204 && (response.headers.get('Content-Type') || '').includes('json')) {
    parsed = await response.json();
  }
  return { status: response.status, headers: response.headers, body: parsed };
}

function quote(text) { return `'${String(text).replace(/'/g, `'\\''`)}'`; }

function curl(method, path, headers, payload) {
  const url = `${location.origin}${path}`;
  const parts = ['curl', '-sS'];
  if (method !== 'GET') parts.push('-X', method);
  parts.push('-H', '"Authorization: Bearer $SCALEPLAN_KEY"');
  if (headers['Content-Type']) parts.push('-H', quote(`Content-Type: ${headers['Content-Type']}`));
  if (headers.Accept && !headers.Accept.startsWith('application/json')) parts.push('-H', quote(`Accept: ${headers.Accept}`));
  if (payload instanceof Blob) parts.push('--data-binary', '@runs' + (headers['Content-Type'] === 'text/csv' ? '.csv' : '.json'));
  else if (payload !== undefined) parts.push('--data-raw', quote(payload.length > 2000 ? payload.slice(0, 2000) + '…' : payload));
  parts.push(quote(url));
  return parts.join(' ');
}
