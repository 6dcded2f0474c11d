import {
  AdminUnitListQuery,
  AdminUnitListResponse,
  ProvinceListResponse,
  Snapshot,
  SuccessorQuery,
  SuccessorResponse,
} from '@motcua/contracts';
import type { onRequestHookHandler } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withErrors } from '../../platform/http/responses.js';
import type { GeographyService } from './geography.service.js';

const tags = ['Đơn vị hành chính (geography)'];

const ReferenceCheck = z.object({
  id: z.number(),
  trigger: z.enum(['schedule', 'request']),
  status: z.enum(['requested', 'passed', 'failed']),
  requestedAt: z.string(),
  finishedAt: z.string().nullable(),
  findings: z.unknown(),
});

/** Checks the caller may start operational jobs (system operator, or the admin token). */
export type OperatorGuard = onRequestHookHandler;

export function geographyRoutes(
  geography: GeographyService,
  guards: { requireOperator: OperatorGuard },
): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/admin-units',
      {
        schema: {
          tags,
          summary: 'Danh sách đơn vị hành chính cấp xã của một tỉnh/thành phố',
          querystring: AdminUnitListQuery,
          response: withErrors({ 200: AdminUnitListResponse }, [400, 404]),
        },
      },
      async (request) => geography.listAdminUnits(request.query),
    );

    app.get(
      '/api/admin-units/provinces',
      {
        schema: {
          tags,
          summary: 'Danh sách tỉnh/thành phố',
          querystring: z.object({ snapshot: Snapshot.default('current') }),
          response: withErrors({ 200: ProvinceListResponse }),
        },
      },
      async (request) => geography.listProvinces(request.query.snapshot),
    );

    app.get(
      '/api/admin-units/successors',
      {
        schema: {
          tags,
          summary: 'Tra cứu đơn vị hành chính cũ: nay thuộc đơn vị nào',
          querystring: SuccessorQuery,
          response: withErrors({ 200: SuccessorResponse }),
        },
      },
      async (request) => geography.findSuccessors(request.query),
    );

    app.post(
      '/api/admin-units/reference-checks',
      {
        onRequest: guards.requireOperator,
        schema: {
          tags,
          summary: 'Yêu cầu kiểm tra dữ liệu tham chiếu (chạy nền)',
          response: withErrors({ 202: ReferenceCheck }, [400, 401, 403]),
        },
      },
      async (_request, reply) => reply.code(202).send(await geography.requestReferenceCheck()),
    );

    app.get(
      '/api/admin-units/reference-checks/:id',
      {
        schema: {
          tags,
          summary: 'Kết quả một lần kiểm tra dữ liệu tham chiếu',
          params: z.object({
            id: z.coerce.number().int().positive({ message: 'Mã lần kiểm tra không hợp lệ' }),
          }),
          response: withErrors({ 200: ReferenceCheck }, [400, 404]),
        },
      },
      async (request) => geography.getReferenceCheck(request.params.id),
    );
  };
}
