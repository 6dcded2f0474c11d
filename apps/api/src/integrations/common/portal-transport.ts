import type { z } from 'zod';
import {
  AuthResult,
  NationalCatalogErrorCode as Code,
  ReplyEnvelope,
} from '../national-catalog/contract.js';
import {
  IntegrationError,
  type IntegrationErrorKind,
  type IntegrationSystem,
} from '../integration-error.js';

/**
 * The HTTP side every national portal service of the OpenCPS adapter family shares (the TTHC
 * catalogue, the DVCQG dossier sync): a JSON POST with a timeout, their `{error_code, message}`
 * envelope read before anything else, and each failure named as an IntegrationError.
 */
export function portalTransport(options: {
  system: IntegrationSystem;
  /** Their name, prefixed to every message ("Cổng Dịch vụ công quốc gia: …"). */
  name: string;
  baseUrl: string;
  timeoutMs: number;
  fetch?: typeof fetch;
}) {
  const { system, name, timeoutMs } = options;
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const send = options.fetch ?? globalThis.fetch;

  const fault = (
    kind: IntegrationErrorKind,
    message: string,
    extra?: { status?: number; remoteCode?: number; cause?: unknown },
  ) => new IntegrationError(system, kind, `${name}: ${message}`, extra);

  /** One POST; returns the parsed JSON once the envelope is known to be well-formed. */
  async function post(
    path: string,
    body: unknown,
  ): Promise<{ envelope: ReplyEnvelope; json: unknown }> {
    let status: number;
    let text: string;
    try {
      const response = await send(`${baseUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      if (
        error instanceof Error &&
        (error.name === 'TimeoutError' || error.name === 'AbortError')
      ) {
        throw fault('timeout', `không phản hồi trong ${timeoutMs} ms.`, { cause: error });
      }
      throw fault('unavailable', 'không kết nối được.', { cause: error });
    }
    if (status >= 500 || status === 429) {
      throw fault('unavailable', `đang không phục vụ (HTTP ${status}).`, { status });
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw fault('bad_response', `phản hồi không phải JSON (HTTP ${status}).`, {
        status,
        cause: error,
      });
    }
    const envelope = ReplyEnvelope.safeParse(json);
    if (status >= 400) {
      const detail = envelope.success ? envelope.data.message : undefined;
      throw fault('rejected', `từ chối yêu cầu (HTTP ${status})${detail ? `: ${detail}` : '.'}`, {
        status,
        remoteCode: envelope.success ? envelope.data.error_code : undefined,
      });
    }
    if (!envelope.success || status !== 200) {
      throw fault('bad_response', `phản hồi thiếu error_code (HTTP ${status}).`, { status });
    }
    return { envelope: envelope.data, json };
  }

  /** Their body against our reading of it; a mismatch names where it differs. */
  function parse<S extends z.ZodType>(schema: S, json: unknown, what: string): z.output<S> {
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const where = parsed.error.issues
        .slice(0, 5)
        .map((i) => i.path.join('.') || '(gốc)')
        .join(', ');
      throw fault('bad_response', `${what} sai cấu trúc ở: ${where}.`, { cause: parsed.error });
    }
    return parsed.data;
  }

  return { fault, post, parse };
}

/**
 * Their session on top of the transport: username/password login, the session sent with each
 * call together with our agency code (`madonvi`), and the reply's error_code turned into an
 * IntegrationError. Their sessions expire when they choose, so a call refused for an invalid
 * session logs in again, once.
 */
export function portalSession(
  transport: ReturnType<typeof portalTransport>,
  options: {
    authPath: string;
    username: string;
    password: string;
    /** Sent as `madonvi` with every call. */
    agencyCode: string;
    /** Log in again after this long even if the session still works. */
    sessionMaxAgeMs?: number | undefined;
  },
) {
  const { fault, post, parse } = transport;
  let session: { token: string; since: number } | undefined;
  let loggingIn: Promise<string> | undefined;

  async function login(): Promise<string> {
    const { envelope, json } = await post(options.authPath, {
      username: options.username,
      password: options.password,
    });
    if (envelope.error_code !== Code.OK) {
      throw fault('rejected', `đăng nhập bị từ chối: ${envelope.message ?? 'không rõ lý do'}`, {
        remoteCode: envelope.error_code,
      });
    }
    return parse(AuthResult, json, 'phản hồi đăng nhập').session;
  }

  // Concurrent calls share one login instead of each opening a session.
  function currentSession(): Promise<string> {
    const maxAge = options.sessionMaxAgeMs;
    if (session && (maxAge === undefined || Date.now() - session.since < maxAge)) {
      return Promise.resolve(session.token);
    }
    loggingIn ??= login()
      .then((token) => {
        session = { token, since: Date.now() };
        return token;
      })
      .finally(() => {
        loggingIn = undefined;
      });
    return loggingIn;
  }

  /** One service call; its reply read against `schema` once error_code says it succeeded. */
  async function call<S extends z.ZodType>(
    path: string,
    body: { service: string } & Record<string, unknown>,
    schema: S,
  ): Promise<z.output<S>> {
    for (let attempt = 1; ; attempt += 1) {
      const used = await currentSession();
      const { envelope, json } = await post(path, {
        session: used,
        madonvi: options.agencyCode,
        ...body,
      });
      const code = envelope.error_code;
      const message = envelope.message ?? 'không rõ lý do';
      if (code === Code.INVALID_SESSION) {
        if (session?.token === used) session = undefined;
        if (attempt === 1) continue;
        throw fault('rejected', `phiên làm việc bị từ chối cả sau khi đăng nhập lại: ${message}`, {
          remoteCode: code,
        });
      }
      if (code === Code.NOT_FOUND) throw fault('not_found', message, { remoteCode: code });
      if (code === Code.UNAVAILABLE) throw fault('unavailable', message, { remoteCode: code });
      if (code !== Code.OK) throw fault('rejected', message, { remoteCode: code });
      return parse(schema, json, `phản hồi ${body.service}`);
    }
  }

  return { call };
}
