// The pages' one way to call the API (same origin): JSON in and out, and every refusal turned into
// an ApiError carrying the contract's error code, so each page can say it in plain words.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId?: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ApiResponse<T> {
  status: number;
  body: T;
}

export interface RequestOptions {
  body?: unknown;
  token?: string;
  headers?: Record<string, string>;
}

interface ErrorBody {
  error?: { code?: unknown; message?: unknown; requestId?: unknown };
  /** API Gateway's own 401 for a missing or bad token has only this. */
  message?: unknown;
}

/** Codes the client names itself: no answer arrived, or API Gateway throttled without our error shape. */
export type ClientErrorCode = 'NETWORK_ERROR' | 'TOO_MANY_REQUESTS';

const errorFrom = (status: number, body: unknown, retryAfter: string | null): ApiError => {
  const parsed = (body && typeof body === 'object' ? body : {}) as ErrorBody;
  const retryAfterSeconds = retryAfter && /^\d+$/.test(retryAfter) ? Number(retryAfter) : undefined;
  const code =
    typeof parsed.error?.code === 'string'
      ? parsed.error.code
      : status === 401
        ? 'UNAUTHORIZED'
        : status === 403
          ? 'FORBIDDEN'
          : status === 429
            ? 'TOO_MANY_REQUESTS'
            : status >= 500
              ? 'INTERNAL_ERROR'
              : `HTTP_${status}`;
  const message =
    typeof parsed.error?.message === 'string'
      ? parsed.error.message
      : typeof parsed.message === 'string'
        ? parsed.message
        : `HTTP ${status}`;
  const requestId = typeof parsed.error?.requestId === 'string' ? parsed.error.requestId : undefined;
  return new ApiError(status, code, message, requestId, retryAfterSeconds);
};

export const api = async <T>(
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  options: RequestOptions = {},
): Promise<ApiResponse<T>> => {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      cache: 'no-store',
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
    });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', 'The server could not be reached.');
  }
  const text = await response.text();
  let body: unknown = undefined;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
  }
  if (!response.ok) throw errorFrom(response.status, body, response.headers.get('retry-after'));
  return { status: response.status, body: body as T };
};

/** A refusal in the reader's language: the page's sentence for the code, else the API's own message. */
export const describeError = (
  error: unknown,
  sentences: Partial<Record<string, string>>,
  fallback: string,
): { text: string; code: string; requestId?: string } => {
  if (error instanceof ApiError) {
    const sentence = sentences[error.code];
    return {
      text: sentence ?? (error.status === 0 || error.status >= 500 ? fallback : error.message),
      code: error.code,
      requestId: error.requestId,
    };
  }
  return { text: fallback, code: 'CLIENT_ERROR' };
};
