import { ErrorBody, type ErrorCode, type ErrorIssue } from '@motcua/contracts';
import type { z } from 'zod';

/** Server error codes plus the two failures that happen on the client side. */
export type ClientErrorCode = ErrorCode | 'NETWORK_ERROR' | 'INVALID_RESPONSE';

/**
 * Error thrown by the API client. For server errors `message` is the server's Vietnamese
 * message; the UI maps `code` to localized text for other languages.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly code: ClientErrorCode;
  /** HTTP status, or null when no response arrived. */
  readonly status: number | null;
  readonly requestId: string | null;
  readonly issues: readonly ErrorIssue[];

  constructor(
    code: ClientErrorCode,
    message: string,
    details: {
      status?: number | null;
      requestId?: string | null;
      issues?: readonly ErrorIssue[];
    } = {},
  ) {
    super(message);
    this.code = code;
    this.status = details.status ?? null;
    this.requestId = details.requestId ?? null;
    this.issues = details.issues ?? [];
  }

  /** True when the error came from the server with its own message (not a client-side failure). */
  get fromServer(): boolean {
    return this.code !== 'NETWORK_ERROR' && this.code !== 'INVALID_RESPONSE';
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

export interface GetOptions {
  /** Query parameters; undefined and empty values are left out. */
  query?: Record<string, string | number | undefined>;
  signal?: AbortSignal;
  /** Non-2xx statuses whose body still follows `schema` (e.g. 503 from /api/health). */
  acceptStatus?: readonly number[];
}

function buildUrl(path: string, query: GetOptions['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search === '' ? path : `${path}?${search}`;
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

function errorFromResponse(response: Response, body: unknown): ApiError {
  const parsed = ErrorBody.safeParse(body);
  if (parsed.success) {
    const { error, requestId } = parsed.data;
    return new ApiError(error.code, error.message, {
      status: response.status,
      requestId,
      issues: error.issues ?? [],
    });
  }
  // Not our API's error format: a proxy or gateway answered, or the server is down.
  const code: ErrorCode = response.status >= 500 ? 'SERVICE_UNAVAILABLE' : 'INTERNAL';
  return new ApiError(code, `HTTP ${response.status}`, { status: response.status });
}

/** GET a JSON resource and validate it against a contract schema from @motcua/contracts. */
export async function apiGet<S extends z.ZodType>(
  path: string,
  schema: S,
  options: GetOptions = {},
): Promise<z.output<S>> {
  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method: 'GET',
      headers: { Accept: 'application/json' },
      credentials: 'same-origin',
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError('NETWORK_ERROR', 'Network request failed');
  }

  const body = await readJson(response);
  if (!response.ok && !(options.acceptStatus ?? []).includes(response.status)) {
    throw errorFromResponse(response, body);
  }

  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    console.error(`Unexpected response from ${path}`, parsed.error.issues);
    throw new ApiError('INVALID_RESPONSE', `Unexpected response from ${path}`, {
      status: response.status,
    });
  }
  return parsed.data;
}

// The signed-in session's CSRF token (from /api/auth/me or the login answer). Writes made with
// the session cookie must carry it; a cross-site form cannot set the header.
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/**
 * A write (PUT/POST/DELETE) with a JSON body, validated like apiGet. A 204 answers `undefined`
 * without looking at the schema.
 */
export async function apiSend<S extends z.ZodType>(
  method: 'PUT' | 'POST' | 'DELETE',
  path: string,
  schema: S,
  body?: unknown,
  extraHeaders: Record<string, string> = {},
): Promise<z.output<S>> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: {
        ...extraHeaders,
        Accept: 'application/json',
        ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}),
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      credentials: 'same-origin',
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new ApiError('NETWORK_ERROR', 'Network request failed');
  }
  if (response.status === 204) return undefined as z.output<S>;
  return parseResponse(response, schema, path);
}

/** A JSON answer checked against its contract; an error body becomes an ApiError. */
async function parseResponse<S extends z.ZodType>(
  response: Response,
  schema: S,
  path: string,
): Promise<z.output<S>> {
  const json = await readJson(response);
  if (!response.ok) throw errorFromResponse(response, json);
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ApiError('INVALID_RESPONSE', `Unexpected response from ${path}`, {
      status: response.status,
    });
  }
  return parsed.data;
}

/**
 * Uploads one file as the raw request body (no multipart), described by the query string;
 * answers like apiSend. The server sniffs the type, so the body is sent as plain bytes.
 */
export async function apiUpload<S extends z.ZodType>(
  path: string,
  schema: S,
  file: Blob,
  query: Record<string, string>,
): Promise<z.output<S>> {
  let response: Response;
  try {
    response = await fetch(buildUrl(path, query), {
      method: 'POST',
      headers: {
        Accept: 'application/json',
        'Content-Type': 'application/octet-stream',
        ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}),
      },
      credentials: 'same-origin',
      body: file,
    });
  } catch {
    throw new ApiError('NETWORK_ERROR', 'Network request failed');
  }
  return parseResponse(response, schema, path);
}
