import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Agency, AgencyListQuery, AgencyListResponse } from '@motcua/contracts';
import type { Db } from '../../platform/db/database.js';
import { notFound } from '../../platform/errors.js';
import type { Logger } from '../../platform/logger.js';
import { readOrganisationFile } from './organisation-data.js';
import { createOrganisationRepository, type AgencyRecord } from './organisation.repository.js';

export interface OrganisationDeps {
  db: Db;
  log: Logger;
  provinceCode: string;
  dataDir: string;
}

function toAgency(row: AgencyRecord): Agency {
  return {
    id: row.id,
    electronicId: row.electronicId,
    name: row.name,
    shortName: row.shortName,
    kind: row.kind as Agency['kind'],
    parentId: row.parentId,
    adminUnitCode: row.adminUnitCode,
    active: row.active,
  };
}

export function createOrganisationService(deps: OrganisationDeps) {
  const repo = createOrganisationRepository(deps.db);
  return {
    seedFile: () => path.join(deps.dataDir, `${deps.provinceCode}.json`),

    /** Seeds the deployed province's agencies from data/organisation/<code>.json. */
    async seedAgencies(): Promise<{ inserted: number; total: number }> {
      const file = path.join(deps.dataDir, `${deps.provinceCode}.json`);
      if (!existsSync(file)) {
        deps.log.warn(
          { file },
          'no organisation seed file for this province; run npm run org:draft',
        );
        return { inserted: 0, total: 0 };
      }
      const data = await readOrganisationFile(file);
      if (data.provinceCode !== deps.provinceCode) {
        throw new Error(`${file} is for province ${data.provinceCode}, not ${deps.provinceCode}`);
      }
      const inserted = await repo.insertMissing(data);
      if (inserted > 0) deps.log.info({ inserted }, 'organisation seeded');
      return { inserted, total: data.agencies.length };
    },

    async listAgencies(query: AgencyListQuery): Promise<AgencyListResponse> {
      const rows = await repo.list(deps.provinceCode, query);
      return { total: rows.length, items: rows.map(toAgency) };
    },

    async getAgencyByElectronicId(electronicId: string): Promise<Agency> {
      const row = await repo.findByElectronicId(electronicId);
      if (!row) throw notFound(`Không tìm thấy cơ quan có mã định danh ${electronicId}.`);
      return toAgency(row);
    },
  };
}

export type OrganisationService = ReturnType<typeof createOrganisationService>;
