import {
  ProcedureCode,
  ProcessCheck,
  ProcessDraftRequest,
  ProcessList,
  ProcessListQuery,
  ProcessVersion,
} from '@motcua/contracts';
import type { FastifyRequest, onRequestHookHandler } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../platform/errors.js';
import { withErrors } from '../../platform/http/responses.js';
import type { WorkflowService } from './workflow.service.js';

const tags = ['Quy trình nội bộ (workflow)'];

export interface WorkflowGuards {
  requireAdmin: onRequestHookHandler;
  /** The signed-in account that saves a version (null with the admin token). */
  accountOf: (request: FastifyRequest) => Promise<string | null>;
}

export function workflowRoutes(
  workflow: WorkflowService,
  guards: WorkflowGuards,
): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/admin/processes',
      {
        onRequest: guards.requireAdmin,
        schema: {
          tags,
          summary: 'Các phiên bản quy trình nội bộ (theo thủ tục)',
          querystring: ProcessListQuery,
          response: withErrors({ 200: ProcessList }, [400, 401, 403]),
        },
      },
      async (request) => workflow.list(request.query.procedureCode),
    );

    app.post(
      '/api/admin/processes/check',
      {
        onRequest: guards.requireAdmin,
        schema: {
          tags,
          summary: 'Kiểm tra và xem trước quy trình (thời hạn, phòng, cơ quan liên thông)',
          body: ProcessDraftRequest,
          response: withErrors({ 200: ProcessCheck }, [400, 401, 403, 404]),
        },
      },
      async (request) => workflow.check(request.body),
    );

    app.post(
      '/api/admin/processes',
      {
        onRequest: guards.requireAdmin,
        schema: {
          tags,
          summary: 'Lưu bản nháp phiên bản mới của quy trình',
          body: ProcessDraftRequest,
          response: withErrors({ 201: ProcessVersion }, [400, 401, 403, 404]),
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await workflow.saveDraft(request.body, await guards.accountOf(request))),
    );

    app.post(
      '/api/admin/processes/:id/publish',
      {
        onRequest: guards.requireAdmin,
        schema: {
          tags,
          summary: 'Ban hành phiên bản quy trình (phiên bản đang áp dụng chuyển sang hết hiệu lực)',
          params: z.object({ id: z.uuid({ message: 'Mã phiên bản không hợp lệ' }) }),
          response: withErrors({ 200: ProcessVersion }, [400, 401, 403, 404, 409]),
        },
      },
      async (request) => workflow.publish(request.params.id),
    );

    app.get(
      '/api/processes/:procedureCode',
      {
        schema: {
          tags,
          summary: 'Quy trình nội bộ đang áp dụng của thủ tục (công khai)',
          params: z.object({ procedureCode: ProcedureCode }),
          querystring: z.object({
            agencyId: z.uuid({ message: 'Mã cơ quan không hợp lệ' }).optional(),
          }),
          response: withErrors({ 200: ProcessVersion }, [400, 404]),
        },
      },
      async (request) => {
        const found = await workflow.published(
          request.params.procedureCode,
          request.query.agencyId ?? null,
        );
        if (!found) throw notFound('Thủ tục chưa có quy trình nội bộ được ban hành.');
        return found;
      },
    );
  };
}
