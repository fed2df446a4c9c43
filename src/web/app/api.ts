/**
 * The one way the SPA talks to the server: same-origin JSON, the CSRF header on every
 * write, and one error type carrying the server's `{error:{code,message,details}}`.
 */

export interface ApiErrorBody {
  code: string;
  message: string;
  details?: unknown;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  constructor(status: number, body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.details = body.details ?? null;
  }

  /** The record changed under the user (optimistic locking) or the write raced another one. */
  get isConflict(): boolean {
    return this.status === 409 && (this.code === 'stale_version' || this.code === 'conflict');
  }
  get isUnauthenticated(): boolean {
    return this.status === 401;
  }
}

let csrfToken: string | null = null;

/** Set from the login and /me responses; sent back on every non-GET request. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

/** Builds `?a=1&b=2`, leaving out empty values so the server sees only real filters. */
export function toQueryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
}

async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(`${path}${toQueryString(options.query)}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, {
      code: 'network',
      message: 'Không kết nối được máy chủ. Hãy kiểm tra mạng rồi thử lại.',
      details: String(cause),
    });
  }

  const text = await response.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }

  if (!response.ok) {
    const body = (data as { error?: Partial<ApiErrorBody> } | null)?.error;
    throw new ApiError(response.status, {
      code: body?.code ?? `http_${response.status}`,
      message: body?.message ?? `Máy chủ trả lỗi ${response.status}.`,
      details: body?.details ?? null,
    });
  }
  return data as T;
}

/** Sends a file as the raw request body (the API takes no multipart) with the CSRF token. */
async function upload<T>(path: string, file: File): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'content-type': 'application/octet-stream' };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  const response = await fetch(`${path}${toQueryString({ fileName: file.name })}`, { method: 'POST', headers, credentials: 'same-origin', body: file });
  const data = (await response.json().catch(() => null)) as { error?: Partial<ApiErrorBody> } | null;
  if (!response.ok) {
    throw new ApiError(response.status, {
      code: data?.error?.code ?? `http_${response.status}`,
      message: data?.error?.message ?? `Máy chủ trả lỗi ${response.status}.`,
      details: data?.error?.details ?? null,
    });
  }
  return data as T;
}

export const api = {
  upload,
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body: body ?? {} }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  delete: <T>(path: string, query?: Query) => request<T>('DELETE', path, { query }),
};
