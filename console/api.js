// The JSON API as the console calls it: same origin, the session cookie, and the CSRF token
// (given at sign-in, kept in sessionStorage for this tab) on every request that changes state.
import { lang } from './i18n.js';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
  }
}

export function csrfToken() { return sessionStorage.getItem('registry.csrf'); }
export function setCsrfToken(token) {
  if (token) sessionStorage.setItem('registry.csrf', token);
  else sessionStorage.removeItem('registry.csrf');
}

// `extra`: more request headers (If-Match).
export async function api(method, path, body, extra = {}) {
  const headers = { Accept: 'application/json', 'Accept-Language': lang(), ...extra };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const csrf = csrfToken();
  if (csrf && method !== 'GET' && method !== 'HEAD') headers['X-CSRF-Token'] = csrf;
  const response = await fetch(path, {
    method, headers, credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 204) return null;
  const doc = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, doc);
  return doc;
}

// Sends a CSV File to POST /v1/imports (its bytes as they are: the server detects UTF-8 or
// GB18030). A dry run answers 200 with the report; a real import 201, or throws the 422 whose
// problem lists the rows in error.
export async function importFile(kind, file, dryRun) {
  const headers = { Accept: 'application/json', 'Accept-Language': lang(), 'Content-Type': 'text/csv' };
  const csrf = csrfToken();
  if (csrf) headers['X-CSRF-Token'] = csrf;
  const response = await fetch(`/v1/imports?kind=${encodeURIComponent(kind)}&dry_run=${dryRun ? 'true' : 'false'}`, {
    method: 'POST', headers, credentials: 'same-origin', body: file,
  });
  const doc = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, doc);
  return doc;
}

// Uploads a File as the raw body of POST /v1/files?name=…; its type is the browser's reading
// of the file, which the server checks against the bytes (415 when they disagree).
export async function upload(file) {
  const headers = { Accept: 'application/json', 'Accept-Language': lang(), 'Content-Type': file.type || 'application/octet-stream' };
  const csrf = csrfToken();
  if (csrf) headers['X-CSRF-Token'] = csrf;
  const response = await fetch(`/v1/files?name=${encodeURIComponent(file.name)}`, {
    method: 'POST', headers, credentials: 'same-origin', body: file,
  });
  const doc = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, doc);
  return doc;
}
