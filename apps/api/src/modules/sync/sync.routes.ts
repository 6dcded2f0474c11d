import type { FastifyRequest, onRequestHookHandler } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  DossierLookupQuery,
  DossierSync,
  ResendRequest,
  ResendResult,
  SyncProblems,
  SyncSummary,
} from '@motcua/contracts';
import { z } from 'zod';
import { withErrors } from '../../platform/http/responses.js';
import type { SyncService } from './sync.service.js';

const tags = ['Đồng bộ quốc gia (sync)'];

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
