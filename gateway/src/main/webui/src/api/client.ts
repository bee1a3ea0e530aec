// Same-origin calls to the gateway's /api/v1: the browser's session cookie authenticates them (no tokens in
// browser storage). Errors become ApiError carrying the RFC 9457 problem body; a 401 sends the browser to /login,
// which comes back to the current path.

export interface Violation {
  field: string;
  message: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  instance?: string;
  violations?: Violation[];
  conflictingId?: string;
  [member: string]: unknown;
}

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
  }

  /** The message of the violation of one field (exact name, or a nested name ending with it). */
  fieldError(field: string): string | undefined {
    return this.problem.violations?.find((v) => v.field === field)?.message;
  }
}

export type Query = Record<string, string | number | boolean | string[] | undefined | null>;

/** `?a=1&b=x&b=y`, leaving out empty values. */
export function queryString(query?: Query): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) value.filter((v) => v !== '').forEach((v) => params.append(key, v));
    else params.append(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Where the browser goes to log in again, back to where it was. */
export function loginUrl(): string {
  const here = window.location.pathname + window.location.search;
  return here === '/' ? '/login' : `/login?next=${encodeURIComponent(here)}`;
}

/** After a sign-out the app stays on its signed-out page instead of going straight back to the login page. */
export const SIGNED_OUT_PATH = '/signed-out';

let onUnauthorized: () => void = () => {
  if (window.location.pathname !== SIGNED_OUT_PATH) window.location.assign(loginUrl());
};

/** Tests replace the 401 handler (happy-dom cannot navigate). */
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: Query;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/**
 * How long a read may go unanswered before it is given up. A query whose read is given up fails and is asked again
 * (see the retry in main.tsx): an answer lost on the way must not leave a page that refreshes itself waiting forever.
 * Changes are not timed out: the server may still carry them out, and the user decides whether to try again.
 */
export const READ_TIMEOUT_MS = 30_000;

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  if (method !== 'GET') return exchange<T>(path, method, options, options.signal);
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), READ_TIMEOUT_MS);
  const cancelled = () => timeout.abort();
  if (options.signal?.aborted) cancelled();
  options.signal?.addEventListener('abort', cancelled, { once: true });
  try {
    return await exchange<T>(path, method, options, timeout.signal);
  } catch (error) {
    if (timeout.signal.aborted && !options.signal?.aborted) {
      throw new Error(`The server did not answer within ${READ_TIMEOUT_MS / 1000} s.`);
    }
    throw error;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', cancelled);
  }
}

async function exchange<T>(path: string, method: string, options: RequestOptions, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const response = await fetch(`/api/v1${path}${queryString(options.query)}`, {
    method,
    headers,
    body,
    credentials: 'same-origin',
    signal,
  });
  if (response.status === 401) {
    onUnauthorized();
    throw new ApiError({ status: 401, title: 'Unauthorized', detail: 'Your session has ended; signing in again.' });
  }
  if (!response.ok) {
    throw new ApiError(await problemOf(response));
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

async function problemOf(response: Response): Promise<Problem> {
  const fallback: Problem = { status: response.status, title: response.statusText || `HTTP ${response.status}` };
  try {
    const text = await response.text();
    if (!text) return fallback;
    const parsed = JSON.parse(text) as Partial<Problem>;
    return { ...fallback, ...parsed, status: parsed.status ?? response.status };
  } catch {
    return fallback;
  }
}

/** A human sentence for any error thrown by a query or mutation. */
export function describe(error: unknown): { title: string; detail?: string } {
  if (error instanceof ApiError) {
    const p = error.problem;
    if (p.status === 403) {
      return { title: p.title ?? 'Forbidden', detail: p.detail ?? 'Your roles or tenants do not allow this.' };
    }
    return { title: p.title ?? `HTTP ${p.status}`, detail: p.detail };
  }
  return { title: 'Something went wrong', detail: error instanceof Error ? error.message : String(error) };
}
