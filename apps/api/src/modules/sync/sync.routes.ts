import type { FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  DossierLookupQuery,
  DossierSync,
  IncidentQuery,
  Reconciliation,
  ReconciliationList,
  ReconciliationRequest,
  ResendRequest,
  ResendResult,
  SyncIncidents,
  SyncProblems,
  SyncSummary,
} from '@motcua/contracts';
import { z } from 'zod';
import { tableToPdf, tableToXlsx, type ExportTable } from '../../platform/exports/table-export.js';
import { withErrors } from '../../platform/http/responses.js';
import type { SyncService } from './sync.service.js';

const tags = ['Đồng bộ quốc gia (sync)'];

const RunId = z.object({ id: z.uuid({ message: 'Mã lần đối chiếu không hợp lệ' }) });
const IncidentId = z.object({ id: z.uuid({ message: 'Mã hồ sơ lỗi không hợp lệ' }) });
const MismatchId = z.object({
  id: z.coerce.number({ message: 'Mã sai lệch phải là số' }).int().positive(),
});
const ExportFormat = z.object({
  format: z.enum(['xlsx', 'pdf'], { message: 'Định dạng xuất là xlsx hoặc pdf' }).default('xlsx'),
});

async function sendTable(reply: FastifyReply, table: ExportTable, name: string, format: string) {
  const body = format === 'pdf' ? await tableToPdf(table) : await tableToXlsx(table);
  return reply
    .header(
      'content-type',
      format === 'pdf'
        ? 'application/pdf'
        : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    )
    .header('content-disposition', `attachment; filename="${name}.${format}"`)
    .send(body);
}

export interface SyncGuards {
  /** Province administrators and the x-admin-token. */
  requireAdmin: onRequestHookHandler;
  /** Which dossiers this caller may read (officers in scope; everything with the token). */
  readerOf: (request: FastifyRequest) => Promise<Parameters<SyncService['dossierSync']>[1]>;
}

export function syncRoutes(sync: SyncService, guards: SyncGuards): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/admin/sync/summary',
      {
        onRequest: guards.requireAdmin,
        schema: {
          tags,
          summary: 'Tình hình đồng bộ hồ sơ lên Cổng DVCQG và Hệ thống điều phối',
          response: withErrors({ 200: SyncSummary }, [401, 403]),
        },
      },
      async () => sync.summary(),
    );

    app.get(
      '/api/admin/sync/problems',
      {
        onRequest: guards.requireAdmin,
        schema: {
          tags,
          summary: 'Hồ sơ đồng bộ lỗi: đang chờ gửi lại hoặc bị Cổng từ chối',
          response: withErrors({ 200: SyncProblems }, [401, 403]),
        },
      },
      async () => sync.problems(),
    );

    app.post(
      '/api/admin/sync/resend',
      {
        onRequest: guards.requireAdmin,
        schema: {
          tags,
          summary: 'Gửi lại ngay một hồ sơ (theo mã) hoặc mọi hồ sơ đồng bộ lỗi',
          body: ResendRequest,
          response: withErrors({ 200: ResendResult }, [400, 401, 403]),
        },
      },
      async (request) => sync.resend(request.body.code),
    );

    app.post(
      '/api/admin/sync/reconciliations',
      {
        onRequest: guards.requireAdmin,
        schema: {
          tags,
          summary:
            'Đối chiếu ngay hồ sơ nộp trong một khoảng ngày (một đơn vị hoặc tất cả) với Cổng DVCQG và Hệ thống điều phối',
          body: ReconciliationRequest,
          response: withErrors({ 200: Reconciliation }, [400, 401, 403]),
        },
      },
      async (request) => sync.reconciliation.run(request.body, 'manual'),
    );

    app.get(
      '/api/admin/sync/reconciliations',
      {
        onRequest: guards.requireAdmin,
        schema: {
          tags,
          summary: 'Các lần đối chiếu gần đây (hằng đêm và theo yêu cầu)',
          response: withErrors({ 200: ReconciliationList }, [401, 403]),
        },
      },
      async () => ({ items: await sync.reconciliation.list() }),
    );

    app.get(
      '/api/admin/sync/reconciliations/:id',
      {
        onRequest: guards.requireAdmin,
        schema: {
          tags,
          summary: 'Kết quả một lần đối chiếu: các sai lệch theo loại',
          params: RunId,
          response: withErrors({ 200: Reconciliation }, [400, 401, 403, 404]),
        },
      },
      async (request) => sync.reconciliation.get(request.params.id),
    );

    app.get(
      '/api/admin/sync/reconciliations/:id/export',
      {
        onRequest: guards.requireAdmin,
        schema: {
          tags,
          summary: 'Xuất kết quả đối chiếu ra tệp Excel (hoặc PDF)',
          params: RunId,
          querystring: ExportFormat,
          response: withErrors({ 200: z.any() }, [400, 401, 403, 404]),
        },
      },
      async (request, reply) => {
        const run = await sync.reconciliation.get(request.params.id);
        return sendTable(
          reply as FastifyReply,
          sync.reconciliation.table(run),
          `doi-chieu-${run.from}-${run.to}`,
          request.query.format,
        );
      },
    );

    app.post(
      '/api/admin/sync/mismatches/:id/resend',
      {
        onRequest: guards.requireAdmin,
        schema: {
          tags,
          summary: 'Gửi lại hồ sơ của một sai lệch đối chiếu lên hệ thống đó',
          params: MismatchId,
          response: withErrors({ 200: ResendResult }, [400, 401, 403, 404, 409]),
        },
      },
      async (request) => sync.reconciliation.resend(request.params.id),
    );

    app.get(
      '/api/admin/sync/incidents',
      {
        onRequest: guards.requireAdmin,
        schema: {
          tags,
          summary: 'Hồ sơ đồng bộ lỗi trong khoảng ngày (mặc định hôm nay), theo đơn vị',
          querystring: IncidentQuery,
          response: withErrors({ 200: SyncIncidents }, [400, 401, 403]),
        },
      },
      async (request) => ({ items: await sync.incidents.list(request.query) }),
    );

    app.get(
      '/api/admin/sync/incidents/export',
      {
        onRequest: guards.requireAdmin,
        schema: {
          tags,
          summary: 'Báo cáo hồ sơ lỗi gửi bộ phận hỗ trợ Cổng DVCQG (Excel hoặc PDF)',
          querystring: z.intersection(IncidentQuery, ExportFormat),
          response: withErrors({ 200: z.any() }, [400, 401, 403]),
        },
      },
      async (request, reply) => {
        const items = await sync.incidents.list(request.query);
        return sendTable(
          reply as FastifyReply,
          sync.incidents.table(items, request.query),
          'ho-so-dong-bo-loi',
          request.query.format,
        );
      },
    );

    app.get(
      '/api/admin/sync/incidents/:id/evidence',
      {
        onRequest: guards.requireAdmin,
        schema: {
          tags,
          summary:
            'Phiếu ghi nhận hồ sơ lỗi (PDF): dữ liệu của ta và phản hồi của hệ thống quốc gia',
          params: IncidentId,
          response: withErrors({ 200: z.any() }, [400, 401, 403, 404]),
        },
      },
      async (request, reply) => {
        const { code, pdf } = await sync.incidents.evidence(request.params.id);
        return (reply as FastifyReply)
          .header('content-type', 'application/pdf')
          .header(
            'content-disposition',
            `inline; filename="ho-so-loi-${code.replace(/[^\w.-]/g, '_')}.pdf"`,
          )
          .send(pdf);
      },
    );

    app.get(
      '/api/dossiers/:code/sync',
      {
        schema: {
          tags,
          summary:
            'Trạng thái đồng bộ của một hồ sơ: trạng thái của ta và trạng thái Cổng đang hiển thị',
          params: z.object({ code: DossierLookupQuery.shape.code }),
          response: withErrors({ 200: DossierSync }, [400, 401, 403, 404]),
        },
      },
      async (request) => sync.dossierSync(request.params.code, await guards.readerOf(request)),
    );
  };
}
