import type { AdminUnitListQuery, Snapshot, SuccessorQuery } from '@motcua/contracts';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { notFound } from '../../platform/errors.js';
import type { JobDefinitions } from '../../platform/jobs/jobs.js';
import type { Logger } from '../../platform/logger.js';
import { createGeographyRepository } from './geography.repository.js';
import {
  CHECK_TASK,
  requestReferenceCheck,
  runReferenceCheck,
} from './use-cases/check-reference-data.js';
import { findSuccessors } from './use-cases/find-successors.js';
import { listAdminUnits, listProvinces } from './use-cases/list-admin-units.js';
import { loadReferenceData } from './use-cases/load-reference-data.js';

export interface GeographyDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  dataDir: string;
  provinceCode: string;
}

export function createGeographyService(deps: GeographyDeps) {
  const repo = createGeographyRepository(deps.db);
  const checkDeps = { ...deps, repo };

  const toCheck = (row: NonNullable<Awaited<ReturnType<typeof repo.findCheck>>>) => ({
    id: row.id,
    trigger: row.trigger as 'schedule' | 'request',
    status: row.status as 'requested' | 'passed' | 'failed',
    requestedAt: row.requestedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    findings: row.findings,
  });

  const service = {
    loadReferenceData: () => loadReferenceData(checkDeps),
    listProvinces: (snapshot: Snapshot) => listProvinces(repo, snapshot),
    listAdminUnits: (query: AdminUnitListQuery) => listAdminUnits(repo, query),
    findSuccessors: (query: SuccessorQuery) => findSuccessors(repo, query),
    /** Whether a commune/ward code belongs to the deployed province now. */
    async isCurrentUnitOf(provinceCode: string, code: string): Promise<boolean> {
      const units = await repo.listCommunes('current', provinceCode);
      return units.some((u) => u.code === code);
    },
    async requestReferenceCheck() {
      const id = await deps.db.transaction((tx) => requestReferenceCheck(checkDeps, tx, 'request'));
      return service.getReferenceCheck(id);
    },
    async getReferenceCheck(id: number) {
      const row = await repo.findCheck(id);
      if (!row) throw notFound(`Không tìm thấy lần kiểm tra dữ liệu số ${id}.`);
      return toCheck(row);
    },
    jobs: {
      tasks: {
        [CHECK_TASK]: async (payload: unknown) => {
          const given = (payload as { checkId?: unknown } | null)?.checkId;
          // Scheduled runs arrive from cron without a row; requested ones bring theirs.
          const checkId =
            typeof given === 'number'
              ? given
              : await repo.insertCheck(deps.db, 'schedule', deps.clock.now());
          await runReferenceCheck(checkDeps, checkId);
        },
      },
      // graphile-worker cron runs in UTC: 19:00 UTC is 02:00 in Vietnam, outside office hours.
      crontab: [`0 19 * * * ${CHECK_TASK} ?max=3`],
    } satisfies JobDefinitions,
  };
  return service;
}

export type GeographyService = ReturnType<typeof createGeographyService>;
