/**
 * A stand-in for the national TTHC catalogue share service (see ../contract.ts), serving the
 * vendored procedures in data/procedures. Development and tests only: production code reaches it
 * through the client and a configured URL, exactly as it would reach the real service.
 */
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import {
  AuthRequest,
  NationalCatalogErrorCode as Code,
  SERVICES,
  ShareRequest,
  type ErrorReply,
  type GetProcedureRequest,
  type ListProceduresRequest,
  type ProcedureSummary,
} from '../contract.js';
import {
  CONTROL_PREFIX,
  installFaultSwitch,
  type FaultSettingInput,
} from '../../common/simulator/fault-switch.js';
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

const fail = (error_code: number, message: string): ErrorReply => ({ error_code, message });

export function createNationalCatalogSimulator(
  options: NationalCatalogSimulatorOptions = {},
): FastifyInstance {
  const username = options.username ?? 'motcua';
  const password = options.password ?? 'motcua-sim';
  const sessionTtlMs = options.sessionTtlMs ?? 30 * 60 * 1000;
  const sessions = new Map<string, number>();
  let catalog: Catalog | undefined;

  // forceCloseConnections: a client keeping a connection alive must not block close().
  const app = Fastify({ logger: options.logger ?? false, forceCloseConnections: true });

  const faults = installFaultSwitch(app, {
    initial: options.fault,
    random: options.random,
    unavailableBody: fail(
      Code.UNAVAILABLE,
      'Hệ thống Cơ sở dữ liệu quốc gia về thủ tục hành chính đang bảo trì, vui lòng thử lại sau.',
    ),
  });

  app.addHook('onReady', async () => {
    catalog = await loadCatalog(options.dataDir);
  });
  const data = (): Catalog => {
    if (!catalog) throw new Error('Catalogue not loaded: the simulator is not ready');
    return catalog;
  };

  // Legacy envelope for anything Fastify rejects before a handler (bad JSON, wrong content type).
  app.setErrorHandler((error: FastifyError, _request, reply) => {
    if (error.statusCode !== undefined && error.statusCode < 500) {
      return reply
        .code(400)
        .send(
          fail(Code.INVALID_REQUEST, 'Yêu cầu không hợp lệ: nội dung phải là JSON đúng định dạng.'),
        );
    }
    return reply.code(500).send(fail(500, 'Lỗi hệ thống, vui lòng thử lại sau.'));
  });
  app.setNotFoundHandler((_request, reply) =>
    reply.code(404).send(fail(Code.INVALID_REQUEST, 'Không tìm thấy địa chỉ yêu cầu.')),
  );

  app.get(`${CONTROL_PREFIX}/health`, async () => ({ status: 'ok', records: data().size }));

  app.delete(`${CONTROL_PREFIX}/sessions`, async () => {
    const revoked = sessions.size;
    sessions.clear();
    return { revoked };
  });

  app.post('/auth', async (request, reply) => {
    const body = AuthRequest.safeParse(request.body);
    if (!body.success) {
      return reply
        .code(400)
        .send(
          fail(Code.INVALID_REQUEST, 'Yêu cầu không hợp lệ: thiếu tên đăng nhập hoặc mật khẩu.'),
        );
    }
    if (body.data.username !== username || body.data.password !== password) {
      return fail(Code.BAD_CREDENTIALS, 'Tên đăng nhập hoặc mật khẩu không đúng.');
    }
    const now = Date.now();
    for (const [token, expires] of sessions) if (expires <= now) sessions.delete(token);
    const session = randomUUID();
    sessions.set(session, now + sessionTtlMs);
    return { error_code: Code.OK, message: 'Thành công', session };
  });

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
    const expires = sessions.get(body.data.session);
    if (expires === undefined || expires <= Date.now()) {
      sessions.delete(body.data.session);
      return fail(Code.INVALID_SESSION, 'Phiên làm việc không hợp lệ hoặc đã hết hạn.');
    }
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
