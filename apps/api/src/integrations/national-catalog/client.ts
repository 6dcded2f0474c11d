import { portalSession, portalTransport } from '../common/portal-transport.js';
import type { z } from 'zod';
import {
  GetProcedureResult,
  ListProceduresResult,
  MAX_PAGE_SIZE,
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

export function createNationalCatalogClient(
  options: NationalCatalogClientOptions,
): NationalCatalogClient {
  const transport = portalTransport({
    system: SYSTEM,
    name: NAME,
    baseUrl: options.baseUrl,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const { fault } = transport;
  const portal = portalSession(transport, {
    authPath: '/auth',
    username: options.username,
    password: options.password,
    agencyCode: options.agencyCode ?? options.username,
  });
  const share = <S extends z.ZodType>(body: ShareBody, schema: S): Promise<z.output<S>> =>
    portal.call('/share', body, schema);

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
