import {
  CreateReviewBatch,
  EditProcedure,
  ImportSummary,
  LocalConfig,
  ProcedureChecklist,
  RecordReview,
  ReportFormat,
  ReviewBatch,
  ReviewBatchList,
  ReviewItemList,
  ReviewProgress,
  RunOnReport,
  ProcedureCode,
  ProcedureDetail,
  ProcedureFacetsResponse,
  ProcedureSearchQuery,
  ProcedureSearchResponse,
  ProcedureVersionList,
  VersionDiffResponse,
} from '@motcua/contracts';
import type { FastifyReply, onRequestHookHandler } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ExportTable } from '../../platform/exports/table-export.js';
import { sendTable, withErrors } from '../../platform/http/responses.js';
import type { CatalogService } from './catalog.service.js';

/** Checks the caller may administer the catalogue (admin token now, roles with identity). */
export type AdminGuard = onRequestHookHandler;

/**
 * Hot public reads answer with plain JSON.stringify: their data was validated when it entered the
 * catalogue, and re-validating a 30 KB procedure with zod on every request cost most of the route's
 * time (bench 2026-11-24). The response schemas still document the routes in OpenAPI.
 */
const plainJson = { serializerCompiler: () => (data: unknown) => JSON.stringify(data) };

const tags = ['Thủ tục hành chính (catalog)'];
const CodeParams = z.object({ code: ProcedureCode });
const VersionNumber = z.coerce
  .number({ message: 'Số phiên bản phải là số nguyên dương' })
  .int({ message: 'Số phiên bản phải là số nguyên dương' })
  .min(1, { message: 'Số phiên bản phải là số nguyên dương' });

const BatchParams = z.object({
  id: z.coerce
    .number({ message: 'Số đợt rà soát phải là số nguyên dương' })
    .int({ message: 'Số đợt rà soát phải là số nguyên dương' })
    .min(1, { message: 'Số đợt rà soát phải là số nguyên dương' }),
});
const FormatQuery = z.object({ format: ReportFormat.default('json') });

/** JSON as is; XLSX and PDF as downloads named after the report. */
async function sendReport<T>(
  reply: FastifyReply,
  format: ReportFormat,
  name: string,
  data: T,
  table: () => Promise<ExportTable>,
): Promise<T | FastifyReply> {
  if (format === 'json') return data;
  return sendTable(reply, format, name, await table());
}

export function catalogRoutes(
  catalog: CatalogService,
  guards: { requireAdmin: AdminGuard; requireStaff: AdminGuard },
): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/procedures',
      {
        ...plainJson,
        schema: {
          tags,
          summary: 'Tra cứu thủ tục hành chính (không phân biệt dấu, chấp nhận gõ sai nhẹ)',
          querystring: ProcedureSearchQuery,
          response: withErrors({ 200: ProcedureSearchResponse }),
        },
      },
      async (request) => catalog.search(request.query),
    );

    app.get(
      '/api/procedures/facets',
      {
        ...plainJson,
        schema: {
          tags,
          summary: 'Lĩnh vực và cấp thực hiện để lọc danh sách thủ tục',
          response: withErrors({ 200: ProcedureFacetsResponse }, []),
        },
      },
      async () => catalog.facets(),
    );

    app.get(
      '/api/procedures/:code',
      {
        ...plainJson,
        schema: {
          tags,
          summary: 'Chi tiết thủ tục: trình tự, thành phần hồ sơ, thời hạn, phí, nơi nộp',
          params: CodeParams,
          response: withErrors({ 200: ProcedureDetail }, [400, 404]),
        },
      },
      async (request) => catalog.getProcedure(request.params.code),
    );

    app.get(
      '/api/procedures/:code/versions',
      {
        schema: {
          tags,
          summary: 'Các phiên bản của thủ tục',
          params: CodeParams,
          response: withErrors({ 200: ProcedureVersionList }, [400, 404]),
        },
      },
      async (request) => catalog.listVersions(request.params.code),
    );

    app.get(
      '/api/procedures/:code/diff',
      {
        schema: {
          tags,
          summary: 'So sánh hai phiên bản của thủ tục',
          params: CodeParams,
          querystring: z.object({ from: VersionNumber, to: VersionNumber }),
          response: withErrors({ 200: VersionDiffResponse }, [400, 404]),
        },
      },
      async (request) =>
        catalog.diffVersions(request.params.code, request.query.from, request.query.to),
    );

    app.put(
      '/api/admin/procedures/:code/content',
      {
        onRequest: guards.requireAdmin,
        schema: {
          tags,
          summary: 'Sửa nội dung thủ tục (tạo phiên bản mới với ngày hiệu lực)',
          params: CodeParams,
          body: EditProcedure,
          response: withErrors({ 200: ProcedureDetail }, [400, 401, 403, 404, 409]),
        },
      },
      async (request) => catalog.editProcedure(request.params.code, request.body),
    );

    app.put(
      '/api/admin/procedures/:code/local-config',
      {
        onRequest: guards.requireAdmin,
        schema: {
          tags,
          summary: 'Cấu hình của tỉnh cho thủ tục (nơi thực hiện, cơ quan, phí, biểu mẫu điện tử)',
          params: CodeParams,
          body: LocalConfig,
          response: withErrors({ 200: ProcedureDetail }, [400, 401, 403, 404]),
        },
      },
      async (request) => catalog.updateLocalConfig(request.params.code, request.body),
    );

    app.get(
      '/api/admin/procedures/:code/checklist-proposal',
      {
        onRequest: guards.requireStaff,
        schema: {
          tags,
          summary: 'Thành phần hồ sơ đề xuất từ dữ liệu gốc (để rà soát, thay danh sách của tỉnh)',
          params: CodeParams,
          response: withErrors({ 200: ProcedureChecklist }, [401, 403, 404]),
        },
      },
      async (request) => catalog.proposedChecklist(request.params.code),
    );

    // The run-on report is public (it tells citizens where each procedure is filed). The review
    // tables carry the province's internal notes: any signed-in officer reads them (issue 13,
    // item 7); recording a review needs the admin guard.
    app.get(
      '/api/catalog/reports/run-on',
      {
        schema: {
          tags,
          summary: 'Bảng TTHC thực hiện trên hệ thống của bộ và của tỉnh theo sở (JSON, XLSX, PDF)',
          querystring: FormatQuery,
          response: withErrors({ 200: RunOnReport }),
        },
      },
      async (request, reply) =>
        sendReport(
          reply,
          request.query.format,
          'tthc-he-thong-bo-tinh',
          await catalog.runOnReport(),
          () => catalog.runOnTable(),
        ),
    );

    app.get(
      '/api/catalog/reviews',
      {
        onRequest: guards.requireStaff,
        schema: {
          tags,
          summary: 'Các đợt rà soát TTHC',
          response: withErrors({ 200: ReviewBatchList }, [401, 403]),
        },
      },
      async () => catalog.listReviewBatches(),
    );

    app.get(
      '/api/catalog/reviews/:id/progress',
      {
        onRequest: guards.requireStaff,
        schema: {
          tags,
          summary: 'Tiến độ rà soát theo sở: ĐC, KĐC, còn lại (JSON, XLSX, PDF)',
          params: BatchParams,
          querystring: FormatQuery,
          response: withErrors({ 200: ReviewProgress }, [400, 401, 403, 404]),
        },
      },
      async (request, reply) =>
        sendReport(
          reply,
          request.query.format,
          `ra-soat-dot-${request.params.id}`,
          await catalog.reviewProgress(request.params.id),
          () => catalog.reviewProgressTable(request.params.id),
        ),
    );

    app.get(
      '/api/catalog/reviews/:id/items',
      {
        onRequest: guards.requireStaff,
        schema: {
          tags,
          summary: 'Thủ tục trong đợt rà soát, lọc theo sở và chưa rà soát',
          params: BatchParams,
          querystring: z.object({
            department: z.uuid({ message: 'Mã sở không hợp lệ' }).optional(),
            pending: z.enum(['true', 'false']).optional(),
          }),
          response: withErrors({ 200: ReviewItemList }, [400, 401, 403]),
        },
      },
      async (request) =>
        catalog.listReviewItems(request.params.id, {
          departmentId: request.query.department,
          pending: request.query.pending === 'true',
        }),
    );

    app.post(
      '/api/admin/catalog/reviews',
      {
        onRequest: guards.requireAdmin,
        schema: {
          tags,
          summary: 'Mở đợt rà soát: mọi thủ tục đã giao sở phụ trách',
          body: CreateReviewBatch,
          response: withErrors({ 201: ReviewBatch }, [400, 401, 403]),
        },
      },
      async (request, reply) =>
        reply.status(201).send(await catalog.createReviewBatch(request.body.name)),
    );

    app.put(
      '/api/admin/catalog/reviews/:id/items/:code',
      {
        onRequest: guards.requireAdmin,
        schema: {
          tags,
          summary: 'Ghi kết quả rà soát một thủ tục: ĐC (kèm nội dung) hoặc KĐC',
          params: BatchParams.extend({ code: ProcedureCode }),
          body: RecordReview,
          response: withErrors({ 204: z.null() }, [400, 401, 403, 404, 409]),
        },
      },
      async (request, reply) => {
        await catalog.recordReview(request.params.id, request.params.code, request.body);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/api/admin/catalog/sync',
      {
        onRequest: guards.requireAdmin,
        schema: {
          tags,
          summary: 'Đồng bộ ngay từ CSDL quốc gia về TTHC (chỉ các thủ tục thay đổi)',
          response: withErrors({ 200: ImportSummary }, [401, 403, 503]),
        },
      },
      async () => catalog.requestSync(),
    );
  };
}
