// The console is a client of the HTTP API: every call carries the credential the user signed in with, nothing else.
const KEY = 'mev.session';

export function session() {
  try { return JSON.parse(sessionStorage.getItem(KEY)); } catch { return null; }
}

export function setSession(value) {
  if (value) sessionStorage.setItem(KEY, JSON.stringify(value)); else sessionStorage.removeItem(KEY);
}

/** An error answer of the API (application/problem+json), as a sentence a person can read. */
export class Problem extends Error {
  constructor(status, body) {
    super(readable(status, body));
    this.status = status;
    this.type = body?.type ?? '';
  }
}

export function readable(status, p) {
  const head = `${p?.title || 'The request failed'}${status ? ` (${status})` : ''}`;
  const lines = [p?.detail ? `${head}: ${p.detail}` : head];
  for (const [field, problems] of Object.entries(p?.errors ?? {})) lines.push(`${field}: ${[].concat(problems).join('; ')}`);
  return lines.join('\n');
}

async function send(method, path, body, accept) {
  const headers = { Accept: accept };
  const s = session();
  if (s?.token) headers.Authorization = `Bearer ${s.token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw new Problem(0, { title: 'The API did not answer', detail: e.message });
  }
  if (!response.ok) {
    let problem;
    try { problem = await response.json(); } catch { problem = { title: response.statusText }; }
    throw new Problem(response.status, problem);
  }
  return response;
}

/** JSON in, JSON out; throws a Problem for any error answer. */
export async function api(method, path, body) {
  const response = await send(method, path, body, 'application/json');
  return response.status === 204 ? null : response.json();
}

/** NDJSON lines of GET /events (operators, analysts), parsed. */
export async function ndjson(path) {
  const text = await (await send('GET', path, undefined, 'application/x-ndjson')).text();
  return text.split('\n').filter(line => line.trim()).map(line => JSON.parse(line));
}
