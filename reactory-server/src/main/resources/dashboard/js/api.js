// The REST API as the dashboard uses it: credentials from this tab's session storage, JSON in and out, problems
// (application/problem+json) turned into ApiError with the server's type and detail.

const STORAGE_KEY = 'reactory.credential';
const listeners = new Set();

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.type = problem?.type || '';
    this.detail = problem?.detail || problem?.title || `the server answered ${status}`;
    this.problem = problem;
  }
}

export function credential() {
  return sessionStorage.getItem(STORAGE_KEY);
}

export function setCredential(value) {
  if (value) sessionStorage.setItem(STORAGE_KEY, value);
  else sessionStorage.removeItem(STORAGE_KEY);
}

/** Called with no argument when the server refuses the stored credentials (401). */
export function onUnauthorized(fn) {
  listeners.add(fn);
}

function url(path, query) {
  const u = new URL(path, window.location.origin);
  if (query) {
    for (const [k, v] of Object.entries(query)) {
      if (v === undefined || v === null || v === '') continue;
      if (Array.isArray(v)) v.forEach((x) => u.searchParams.append(k, x));
      else u.searchParams.set(k, v);
    }
  }
  return u.pathname + u.search;
}

/**
 * Calls the API. Options: method, query (object), body (JSON-serialised), token (overrides the stored credential).
 * Resolves to the parsed JSON; rejects with ApiError.
 */
export async function api(path, { method = 'GET', query, body, token } = {}) {
  const headers = { Accept: 'application/json' };
  const cred = token ?? credential();
  if (cred) headers.Authorization = `Bearer ${cred}`;
  const init = { method, headers, cache: 'no-store', credentials: 'omit', redirect: 'error' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch(url(path, query), init);
  } catch (e) {
    throw new ApiError(0, { detail: 'the server cannot be reached' });
  }
  const text = await res.text();
  let json = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch (e) {
      json = null;
    }
  }
  if (!res.ok) {
    if (res.status === 401 && token === undefined) listeners.forEach((fn) => fn());
    throw new ApiError(res.status, json);
  }
  return json;
}
