import type { z } from 'zod';
import { ReplyEnvelope } from '../national-catalog/contract.js';
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
