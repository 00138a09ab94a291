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

export async function api(method, path, body) {
  const headers = { Accept: 'application/json', 'Accept-Language': lang() };
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
