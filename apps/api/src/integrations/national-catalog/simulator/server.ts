/**
 * A stand-in for the national TTHC catalogue share service (see ../contract.ts), serving the
 * vendored procedures in data/procedures. Development and tests only: production code reaches it
 * through the client and a configured URL, exactly as it would reach the real service.
 */
import type { FastifyInstance } from 'fastify';
import {
  NationalCatalogErrorCode as Code,
  SERVICES,
  ShareRequest,
  type GetProcedureRequest,
  type ListProceduresRequest,
  type ProcedureSummary,
} from '../contract.js';
import { CONTROL_PREFIX, type FaultSettingInput } from '../../common/simulator/fault-switch.js';
import { createPortalSimulator, fail } from '../../common/simulator/portal-server.js';
import { loadCatalog, type Catalog } from './catalog-data.js';

export interface NationalCatalogSimulatorOptions {
  /** Directory of the scraped *.json files; defaults to `<repo>/data/procedures`. */
  dataDir?: string;
  username?: string;
  password?: string;
  /** Fault active from the start; switchable later through `PUT /__sim/fault`. */
  fault?: FaultSettingInput | undefined;
  /** Sessions expire so that clients have to handle re-login. */
  sessionTtlMs?: number;
  logger?: boolean;
  random?: () => number;
}

const DEFAULT_PAGE_SIZE = 100;
// Every tenth record of a page comes twice, so a duplicate is visible even on small pages.
const DUPLICATE_EVERY = 10;

export function createNationalCatalogSimulator(
  options: NationalCatalogSimulatorOptions = {},
): FastifyInstance {
  let catalog: Catalog | undefined;
  const { app, faults, refuseSession } = createPortalSimulator({
    name: 'Hệ thống Cơ sở dữ liệu quốc gia về thủ tục hành chính',
    username: options.username ?? 'motcua',
    password: options.password ?? 'motcua-sim',
    sessionTtlMs: options.sessionTtlMs,
    authPath: '/auth',
    fault: options.fault,
    logger: options.logger,
    random: options.random,
  });

  app.addHook('onReady', async () => {
    catalog = await loadCatalog(options.dataDir);
  });
  const data = (): Catalog => {
    if (!catalog) throw new Error('Catalogue not loaded: the simulator is not ready');
    return catalog;
  };

  app.get(`${CONTROL_PREFIX}/health`, async () => ({ status: 'ok', records: data().size }));

  app.post('/share', async (request, reply) => {
    const service = (request.body as { service?: unknown } | null | undefined)?.service;
    if (!SERVICES.includes(service as (typeof SERVICES)[number])) {
      return reply
        .code(400)
        .send(
          fail(Code.INVALID_REQUEST, `Dịch vụ không được hỗ trợ: ${String(service ?? '(trống)')}.`),
        );
    }
    const body = ShareRequest.safeParse(request.body);
    if (!body.success) {
      const fields = [...new Set(body.error.issues.map((i) => i.path.join('.') || '(nội dung)'))];
      return reply
        .code(400)
        .send(
          fail(
            Code.INVALID_REQUEST,
            `Yêu cầu không hợp lệ, kiểm tra trường: ${fields.join(', ')}.`,
          ),
        );
    }
    const refused = refuseSession(body.data.session);
    if (refused) return refused;
    const duplicate = faults.appliedTo(request) === 'duplicate';
    return body.data.service === 'LayDanhSachTTHC'
      ? listProcedures(body.data, duplicate)
      : getProcedure(body.data, duplicate);
  });

  function listProcedures(query: ListProceduresRequest, duplicate: boolean) {
    const since = query.tuNgay;
    const matching =
      since === undefined
        ? data().summaries
        : data().summaries.filter((s) => s.NGAYCAPNHAT >= since);
    const pageSize = query.soBanGhi ?? DEFAULT_PAGE_SIZE;
    const from = ((query.trang ?? 1) - 1) * pageSize;
    const page = matching.slice(from, from + pageSize);
    const result: ProcedureSummary[] = duplicate
      ? page.flatMap((s, i) => (i % DUPLICATE_EVERY === 0 ? [s, s] : [s]))
      : [...page];
    return { error_code: Code.OK, message: 'Thành công', total: matching.length, result };
  }

  function getProcedure(query: GetProcedureRequest, duplicate: boolean) {
    const record = data().get(query.maTTHC);
    if (!record) return fail(Code.NOT_FOUND, 'Không tìm thấy thủ tục');
    return {
      error_code: Code.OK,
      message: 'Thành công',
      result: duplicate ? [record, record] : [record],
    };
  }

  return app;
}
