import {
  ImportSummary,
  LocalConfig,
  ProcedureCode,
  ProcedureDetail,
  ProcedureFacetsResponse,
  ProcedureSearchQuery,
  ProcedureSearchResponse,
  ProcedureVersionList,
  VersionDiffResponse,
} from '@motcua/contracts';
import type { onRequestHookHandler } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withErrors } from '../../platform/http/responses.js';
import type { CatalogService } from './catalog.service.js';

/** Checks the caller may administer the catalogue (admin token now, roles with identity). */
export type AdminGuard = onRequestHookHandler;

const tags = ['Thủ tục hành chính (catalog)'];
const CodeParams = z.object({ code: ProcedureCode });
const VersionNumber = z.coerce
  .number({ message: 'Số phiên bản phải là số nguyên dương' })
  .int({ message: 'Số phiên bản phải là số nguyên dương' })
  .min(1, { message: 'Số phiên bản phải là số nguyên dương' });

export function catalogRoutes(
  catalog: CatalogService,
  guards: { requireAdmin: AdminGuard },
): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/procedures',
      {
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
