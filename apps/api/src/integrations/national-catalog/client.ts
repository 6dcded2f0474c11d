import { portalTransport } from '../common/portal-transport.js';
import type { z } from 'zod';
import { IntegrationError, type IntegrationErrorKind } from '../integration-error.js';
import {
  AuthResult,
  GetProcedureResult,
  ListProceduresResult,
  MAX_PAGE_SIZE,
  NationalCatalogErrorCode as Code,
  formatNationalDate,
  type GetProcedureRequest,
  type ListProceduresRequest,
  type ProcedureRecord,
  type ProcedureSummary,
} from './contract.js';

export interface NationalCatalogClientOptions {
  /** Adapter base URL; `/auth` and `/share` are appended. */
  baseUrl: string;
  username: string;
  password: string;
  /** Per HTTP request, including reading the body. */
  timeoutMs?: number;
  /** Our agency e-ID sent as `madonvi`; defaults to the account name. */
  agencyCode?: string;
  fetch?: typeof fetch;
}

export interface ListProceduresQuery {
  /** Only procedures updated at or after this instant (incremental import). */
  since?: Date | undefined;
  /** 1-based. */
  page: number;
  /** At most 500, their limit. */
  pageSize: number;
}

export interface ProcedurePage {
  /** Matching procedures across all pages, as they count them. */
  total: number;
  page: number;
  pageSize: number;
  /** As received: may contain duplicates, which the importer must tolerate. */
  items: ProcedureSummary[];
}

export interface NationalCatalogClient {
  listProcedures(query: ListProceduresQuery): Promise<ProcedurePage>;
  /** Throws IntegrationError kind 'not_found' when they do not know the code. */
  getProcedure(code: string): Promise<ProcedureRecord>;
}

type ShareBody =
  | Omit<ListProceduresRequest, 'session' | 'madonvi'>
  | Omit<GetProcedureRequest, 'session' | 'madonvi'>;

const SYSTEM = 'national-catalog';
const NAME = 'CSDL quốc gia về TTHC';
const DEFAULT_TIMEOUT_MS = 10_000;

const fault = (
  kind: IntegrationErrorKind,
  message: string,
  extra?: { status?: number; remoteCode?: number; cause?: unknown },
) => new IntegrationError(SYSTEM, kind, `${NAME}: ${message}`, extra);

export function createNationalCatalogClient(
  options: NationalCatalogClientOptions,
): NationalCatalogClient {
  const { post, parse } = portalTransport({
    system: SYSTEM,
    name: NAME,
    baseUrl: options.baseUrl,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const agencyCode = options.agencyCode ?? options.username;
  let session: string | undefined;
  let loggingIn: Promise<string> | undefined;

  async function login(): Promise<string> {
    const { envelope, json } = await post('/auth', {
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

  // Concurrent first calls share one login instead of each opening a session.
  function currentSession(): Promise<string> {
    if (session) return Promise.resolve(session);
    loggingIn ??= login()
      .then((s) => (session = s))
      .finally(() => {
        loggingIn = undefined;
      });
    return loggingIn;
  }

  async function share<S extends z.ZodType>(body: ShareBody, schema: S): Promise<z.output<S>> {
    for (let attempt = 1; ; attempt += 1) {
      const used = await currentSession();
      const { envelope, json } = await post('/share', {
        session: used,
        madonvi: agencyCode,
        ...body,
      });
      const code = envelope.error_code;
      const message = envelope.message ?? 'không rõ lý do';
      if (code === Code.INVALID_SESSION) {
        if (session === used) session = undefined;
        // Sessions expire on their side at any time: log in again, but only once per call.
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

  return {
    async listProcedures({ since, page, pageSize }) {
      if (!Number.isInteger(page) || page < 1) throw new RangeError('page must be an integer ≥ 1');
      if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
        throw new RangeError(`pageSize must be an integer in 1..${MAX_PAGE_SIZE}`);
      }
      const reply = await share(
        {
          service: 'LayDanhSachTTHC',
          trang: page,
          soBanGhi: pageSize,
          ...(since ? { tuNgay: formatNationalDate(since) } : {}),
        },
        ListProceduresResult,
      );
      return { total: reply.total, page, pageSize, items: reply.result };
    },

    async getProcedure(code) {
      const reply = await share({ service: 'LayThuTuc', maTTHC: code }, GetProcedureResult);
      if (reply.result.length === 0) {
        throw fault('not_found', `không có thủ tục ${code}.`);
      }
      const record = reply.result.find((r) => r.MATTHC === code);
      if (!record) throw fault('bad_response', `trả về thủ tục khác với ${code} được hỏi.`);
      return record;
    },
  };
}
