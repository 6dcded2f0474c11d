import type { FastifyRequest, onRequestHookHandler } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  MinistryDossierList,
  MinistryDossierQuery,
  MinistryIngestRunResult,
  MinistryIngestSummary,
  MinistrySource,
} from '@motcua/contracts';
import { z } from 'zod';
import { withErrors } from '../../platform/http/responses.js';
import type { MinistryIngestService } from './ministry-ingest.service.js';

const tags = ['Dữ liệu hồ sơ từ hệ thống của bộ, ngành'];

export interface MinistryIngestGuards {
  /** Province administrators and the x-admin-token. */
  requireAdmin: onRequestHookHandler;
  /** Officers (not citizens) and the x-admin-token. */
  requireStaff: onRequestHookHandler;
  /** The agencies whose dossiers this caller may read; null for all of them. */
  agenciesOf: (request: FastifyRequest) => Promise<string[] | null>;
}

export function ministryIngestRoutes(
  service: MinistryIngestService,
  guards: MinistryIngestGuards,
): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/admin/ministry-ingest/run',
      {
        onRequest: guards.requireAdmin,
        schema: {
          tags,
          summary: 'Lấy ngay dữ liệu hồ sơ mới từ hệ thống của các bộ, ngành',
          body: z.object({ source: MinistrySource.optional() }).nullish(),
          response: withErrors({ 200: MinistryIngestRunResult }, [400, 401, 403]),
        },
      },
      async (request) => service.run(request.body?.source),
    );

    app.get(
      '/api/admin/ministry-ingest/summary',
      {
        onRequest: guards.requireAdmin,
        schema: {
          tags,
          summary: 'Số hồ sơ nhận từ hệ thống của các bộ, ngành, theo nguồn',
          response: withErrors({ 200: MinistryIngestSummary }, [401, 403]),
        },
      },
      async () => service.summary(),
    );

    app.get(
      '/api/officer/ministry-dossiers',
      {
        onRequest: guards.requireStaff,
        schema: {
          tags,
          summary: 'Hồ sơ xử lý trên hệ thống của bộ, ngành (chỉ xem)',
          querystring: MinistryDossierQuery,
          response: withErrors({ 200: MinistryDossierList }, [400, 401, 403]),
        },
      },
      async (request) => service.list(request.query, await guards.agenciesOf(request)),
    );
  };
}
