import {
  FeeReview,
  FeeReviewQuery,
  FeeSchedule,
  FeeScheduleList,
  FeeScheduleListQuery,
  NewFeeSchedule,
  ProcedureCode,
  ProcedureFees,
  ProcedureFeesQuery,
} from '@motcua/contracts';
import type { FastifyRequest, onRequestHookHandler } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withErrors } from '../../platform/http/responses.js';
import type { FeesService } from './fees.service.js';
import { IdempotencyHeaders } from '../../platform/http/idempotency.js';

export interface FeesGuards {
  /** Province administration of the catalogue (as its local configuration). */
  requireAdmin: onRequestHookHandler;
  /** Who to record as having entered a version. */
  actorOf: (request: FastifyRequest) => Promise<string>;
}

const tags = ['Phí, lệ phí (fees)'];

export function feesRoutes(fees: FeesService, guards: FeesGuards): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/procedures/:code/fees',
      {
        schema: {
          tags,
          summary:
            'Phí, lệ phí của thủ tục theo biểu phí đang có hiệu lực (của cơ quan nếu có, không thì của tỉnh)',
          params: z.object({ code: ProcedureCode }),
          querystring: ProcedureFeesQuery,
          response: withErrors({ 200: ProcedureFees }, [400, 404]),
        },
      },
      async (request) => fees.procedureFees(request.params.code, request.query),
    );

    app.get(
      '/api/admin/fee-schedules',
      {
        onRequest: guards.requireAdmin,
        schema: {
          tags,
          summary: 'Các phiên bản biểu phí của một thủ tục (mặc định của tỉnh và của từng cơ quan)',
          querystring: FeeScheduleListQuery,
          response: withErrors({ 200: FeeScheduleList }, [400, 401, 403, 404]),
        },
      },
      async (request) => fees.listSchedules(request.query.procedureCode),
    );

    app.post(
      '/api/admin/fee-schedules',
      {
        onRequest: guards.requireAdmin,
        schema: {
          tags,
          summary:
            'Ban hành phiên bản biểu phí mới (biểu phí đang có hiệu lực không được sửa; phiên bản mới có ngày hiệu lực riêng)',
          headers: IdempotencyHeaders,
          body: NewFeeSchedule,
          response: withErrors({ 200: FeeSchedule, 201: FeeSchedule }, [400, 401, 403, 404]),
        },
      },
      async (request, reply) => {
        const { created, schedule } = await fees.createSchedule(
          request.body,
          await guards.actorOf(request),
          request.headers['idempotency-key'],
        );
        return reply.status(created ? 201 : 200).send(schedule);
      },
    );

    app.get(
      '/api/admin/fee-schedules/review',
      {
        onRequest: guards.requireAdmin,
        schema: {
          tags,
          summary:
            'Rà soát phí, lệ phí: thủ tục chưa có dữ liệu phí dùng được (cần nhập biểu phí), kèm số liệu tổng hợp',
          querystring: FeeReviewQuery,
          response: withErrors({ 200: FeeReview }, [400, 401, 403]),
        },
      },
      async (request) => fees.review(request.query.page, request.query.pageSize),
    );
  };
}
