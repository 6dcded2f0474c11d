import { Agency, AgencyListQuery, AgencyListResponse } from '@motcua/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withErrors } from '../../platform/http/responses.js';
import type { OrganisationService } from './organisation.service.js';

const tags = ['Cơ quan, đơn vị (organisation)'];

export function organisationRoutes(organisation: OrganisationService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/agencies',
      {
        schema: {
          tags,
          summary: 'Danh sách cơ quan, đơn vị của tỉnh/thành phố',
          querystring: AgencyListQuery,
          response: withErrors({ 200: AgencyListResponse }),
        },
      },
      async (request) => organisation.listAgencies(request.query),
    );

    app.get(
      '/api/agencies/by-electronic-id/:electronicId',
      {
        schema: {
          tags,
          summary: 'Tra cứu cơ quan theo mã định danh điện tử',
          params: z.object({
            electronicId: z.string().trim().min(3).max(40, { message: 'Mã định danh quá dài' }),
          }),
          response: withErrors({ 200: Agency }, [400, 404]),
        },
      },
      async (request) => organisation.getAgencyByElectronicId(request.params.electronicId),
    );
  };
}
