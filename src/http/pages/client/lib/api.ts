// The pages' one way to the API: the session cookie (HttpOnly, never read by script), the CSRF token
// the session answer carries, problems in Chinese (Accept-Language), and a 401 sends the person to log in.
import { messages } from './messages.js';

export interface SessionAccount {
  id: string;
  name: string;
  role: 'station' | 'dispatcher' | 'auditor' | 'supervisor' | 'admin';
  stationId?: string;
  stationName?: string;
  scope?: string;
  /** The scope as people name it (北京市东城区). */
  scopeName?: string;
}
export interface Session {
  account: SessionAccount;
  csrfToken: string;
  home: string;
}

interface Problem {
  title?: string;
  detail?: string;
  code?: string;
  errors?: { field?: string; path?: string; message?: string; reason?: string }[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problemText(problem, status));
  }
}

function problemText(p: Problem, status: number): string {
  const lead = p.detail ?? p.title ?? `HTTP ${status}`;
  // A refusal's detail often says its field reasons already: each is written once.
  const fields = (p.errors ?? [])
    .map((e) => e.message ?? e.reason)
    .filter((x): x is string => !!x && !lead.includes(x));
  return [lead, ...new Set(fields)].join('；');
}

let csrfToken = '';

export function loginUrl(): string {
  return `/login?next=${encodeURIComponent(location.pathname + location.search)}`;
}

export async function api<T>(
  path: string,
  init: { method?: string; body?: unknown; signal?: AbortSignal } = {},
): Promise<T> {
  const method = init.method ?? 'GET';
  const headers: Record<string, string> = {
    accept: 'application/json',
    'accept-language': 'zh-CN',
  };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD') headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
      ...(init.signal ? { signal: init.signal } : {}),
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, { detail: messages().common.errors.network });
  }
  if (res.status === 401 && path !== '/v1/session') {
    location.assign(loginUrl());
    throw new ApiError(401, { detail: messages().common.errors.sessionExpired });
  }
  if (res.status === 204) return undefined as T;
  const body = (await res.json().catch(() => ({}))) as unknown;
  if (!res.ok) throw new ApiError(res.status, body as Problem);
  return body as T;
}

/** The signed-in person, or null. Keeps the CSRF token for the unsafe calls that follow. */
export async function currentSession(): Promise<Session | null> {
  try {
    const s = await api<Session>('/v1/session');
    csrfToken = s.csrfToken;
    return s;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}

export function rememberCsrf(token: string): void {
  csrfToken = token;
}

export async function logout(): Promise<void> {
  await api<void>('/v1/session', { method: 'DELETE' }).catch(() => undefined);
  location.assign('/login');
}
