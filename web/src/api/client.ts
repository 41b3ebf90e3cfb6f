/**
 * The one way the workbench talks to the server: JSON over fetch with the session cookie, the CSRF token
 * on every write, and RFC 9457 problem+json errors turned into an `ApiError`.
 */

export interface FieldError {
  path: string;
  message: string;
}

/** An RFC 9457 problem as the server sends it; extension members (e.g. `rows`) stay on the object. */
export interface Problem {
  type?: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly errors: FieldError[];
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.code = problem.code;
    this.title = problem.title;
    this.detail = problem.detail;
    this.errors = problem.errors ?? [];
    this.problem = problem;
  }
}

let csrfToken: string | null = null;
let onUnauthenticated: (() => void) | null = null;

/** Set from the login and `/me` answers; cleared on sign-out. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when a request answers 401 UNAUTHENTICATED (the session ended while the page was open). */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

/** `/path?k=v` with empty values left out, so filters can be passed as they are. */
export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

interface RequestOptions {
  query?: Query;
  /** A JSON value, or a Blob sent as it is with its own type (a file upload). */
  body?: unknown;
}

async function problemOf(response: Response): Promise<Problem> {
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const body = (await response.json()) as Partial<Problem>;
      if (typeof body.title === 'string' && typeof body.code === 'string') {
        return { ...body, title: body.title, code: body.code, status: body.status ?? response.status };
      }
    } catch {
      // not JSON after all: fall through to the generic problem
    }
  }
  const title = response.status >= 500 ? '服务器暂时无法处理请求，请稍后再试' : '请求失败';
  return { title, status: response.status, code: response.status >= 500 ? 'INTERNAL' : 'BAD_REQUEST' };
}

export async function send(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let body: BodyInit | undefined;
  if (options.body instanceof Blob) {
    body = options.body;
    headers['content-type'] = options.body.type || 'application/octet-stream';
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError({ title: '无法连接服务器，请检查网络', status: 0, code: 'NETWORK' });
  }
  if (!response.ok) {
    const problem = await problemOf(response);
    if (problem.code === 'UNAUTHENTICATED') onUnauthenticated?.();
    throw new ApiError(problem);
  }
  return response;
}

async function json<T>(method: string, path: string, options?: RequestOptions): Promise<T> {
  const response = await send(method, path, options);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => json<T>('GET', path, { query }),
  post: <T>(path: string, body?: unknown, query?: Query) => json<T>('POST', path, { body, query }),
  patch: <T>(path: string, body: unknown) => json<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown) => json<T>('PUT', path, { body }),
};

/** Fetches a file (an Excel export) and hands it to the browser as a download. */
export async function download(path: string, query: Query, fallbackName: string): Promise<void> {
  const response = await send('GET', path, { query });
  const disposition = response.headers.get('content-disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const plain = /filename="?([^";]+)"?/i.exec(disposition)?.[1];
  const name = encoded ? decodeURIComponent(encoded) : (plain ?? fallbackName);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file upload under way: its answer, and a way to stop it. */
export interface Upload<T> {
  done: Promise<T>;
  abort: () => void;
}

/**
 * Sends a file as the request body with XMLHttpRequest, which, unlike fetch, reports upload progress
 * (`onProgress` gets the fraction sent, 0 to 1). Same session, CSRF and problem+json handling as `send`.
 */
export function uploadFile<T>(
  path: string,
  file: Blob,
  options: { query?: Query; type?: string; onProgress?: (fraction: number) => void },
): Upload<T> {
  const xhr = new XMLHttpRequest();
  const done = new Promise<T>((resolve, reject) => {
    xhr.open('POST', withQuery(path, options.query));
    xhr.setRequestHeader('accept', 'application/json, application/problem+json');
    xhr.setRequestHeader('content-type', options.type || file.type || 'application/octet-stream');
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.withCredentials = true;
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) options.onProgress?.(event.loaded / event.total);
    };
    xhr.onload = () => {
      const contentType = xhr.getResponseHeader('content-type') ?? '';
      const response = new Response(xhr.status === 204 ? null : xhr.responseText, {
        status: xhr.status,
        headers: { 'content-type': contentType },
      });
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(response.json() as Promise<T>);
        return;
      }
      void problemOf(response).then((problem) => {
        if (problem.code === 'UNAUTHENTICATED') onUnauthenticated?.();
        reject(new ApiError(problem));
      });
    };
    xhr.onerror = () =>
      reject(new ApiError({ title: '上传中断：无法连接服务器，请检查网络', status: 0, code: 'NETWORK' }));
    xhr.onabort = () => reject(new ApiError({ title: '上传已取消', status: 0, code: 'ABORTED' }));
    xhr.send(file);
  });
  return { done, abort: () => xhr.abort() };
}
