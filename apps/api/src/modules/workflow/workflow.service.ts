import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { LRUCache } from 'lru-cache';
import {
  ProcessDefinition,
  type ProcedureDetail,
  type ProcessCheck,
  type ProcessDraftRequest,
  type ProcessList,
  type ProcessVersion,
} from '@motcua/contracts';
import type { WorkingCalendar } from '../calendar/index.js';
import { legalPeriodOf, periodInWorkingHours } from '../catalog/index.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import type { Logger } from '../../platform/logger.js';
import { AppError, notFound } from '../../platform/errors.js';
import { totalHours, validateProcess, type KnownReferences } from './process.js';
import { createWorkflowRepository, type ProcessRow } from './workflow.repository.js';

export interface WorkflowDeps {
  db: Db;
  clock: Clock;
  getCalendar: () => Promise<WorkingCalendar>;
  getProcedure: (code: string) => Promise<ProcedureDetail>;
  /** Units (code per agency) and agencies (electronic ID) a process may name. */
  listUnits: () => Promise<Array<{ agencyId: string; code: string }>>;
  listAgencies: () => Promise<Array<{ id: string; electronicId: string }>>;
  /** data/workflow: the province's default processes seeded on first start. */
  defaultsDir: string;
  log: Logger;
}

/**
 * A version as it was saved, read through the contract so that fields added since
 * (requiresPayment) take their defaults; one the contract now refuses is served as stored.
 */
const definitionOf = (row: ProcessRow) => {
  const parsed = ProcessDefinition.safeParse(row.definition);
  return parsed.success ? parsed.data : row.definition;
};

const toVersion = (row: ProcessRow): ProcessVersion => ({
  id: row.id,
  procedureCode: row.procedureCode,
  agencyId: row.agencyId,
  version: row.version,
  status: row.status as ProcessVersion['status'],
  definition: definitionOf(row),
  createdAt: row.createdAt.toISOString(),
  publishedAt: row.publishedAt?.toISOString() ?? null,
});

export function createWorkflowService(deps: WorkflowDeps) {
  const repo = createWorkflowRepository(deps.db);
  // Intake asks on every filing which version applies. Publication here clears it; another
  // instance's publication is seen within the TTL (a dossier filed in that minute keeps the
  // previous version, which was valid when it was filed).
  const publishedCache = new LRUCache<string, Promise<ProcessVersion | null>>({
    max: 5_000,
    ttl: 60_000,
  });

  async function references(agencyId: string | null): Promise<KnownReferences> {
    const [units, agencies] = await Promise.all([deps.listUnits(), deps.listAgencies()]);
    return {
      // An agency's own process names its own units; a province default names codes that each
      // ward resolves for itself when the dossier reaches the step (a missing one: no unit).
      unitCodes: agencyId
        ? new Set(units.filter((u) => u.agencyId === agencyId).map((u) => u.code))
        : null,
      agencyElectronicIds: new Set(agencies.map((a) => a.electronicId)),
    };
  }

  async function legalHours(procedureCode: string, cal: WorkingCalendar): Promise<number | null> {
    const detail = await deps.getProcedure(procedureCode);
    // The shortest channel's time binds: every dossier follows the same process.
    const periods = (['direct', 'online', 'postal'] as const)
      .map((channel) => legalPeriodOf(detail, channel))
      .filter((p) => p !== null);
    if (periods.length === 0) return null;
    return Math.min(...periods.map((p) => periodInWorkingHours(p, cal.dayMinutes)));
  }

  const service = {
    async check(request: ProcessDraftRequest): Promise<ProcessCheck> {
      const cal = await deps.getCalendar();
      const { definition } = request;
      const [legal, known] = await Promise.all([
        legalHours(definition.procedureCode, cal),
        references(request.agencyId),
      ]);
      // The timeline of a dossier received now: each step due at the sum of the hours before it.
      const start = cal.effectiveStart(deps.clock.now());
      const preview: ProcessCheck['preview'] = [];
      let elapsed = 0;
      definition.steps.forEach((step, i) => {
        let inner = elapsed;
        step.transfer?.steps.forEach((t, j) => {
          inner += t.hours;
          preview.push({
            path: `steps[${i}].transfer.steps[${j}]`,
            key: t.key,
            name: t.name,
            hours: t.hours,
            endsAtHour: inner,
            dueAt: cal.addPeriod(start, inner, 'working_hours').toISOString(),
          });
        });
        elapsed += step.hours;
        preview.push({
          path: `steps[${i}]`,
          key: step.key,
          name: step.name,
          hours: step.hours,
          endsAtHour: elapsed,
          dueAt: cal.addPeriod(start, elapsed, 'working_hours').toISOString(),
        });
      });
      return {
        issues: validateProcess(definition, legal, known),
        legalHours: legal,
        totalHours: totalHours(definition.steps),
        preview,
      };
    },

    async list(procedureCode?: string): Promise<ProcessList> {
      return { items: (await repo.list(procedureCode)).map(toVersion) };
    },

    /** A draft is saved even with issues: the editor keeps work in progress; publishing checks. */
    async saveDraft(request: ProcessDraftRequest, createdBy: string | null) {
      await deps.getProcedure(request.definition.procedureCode);
      const row = await repo.insertDraft({
        procedureCode: request.definition.procedureCode,
        agencyId: request.agencyId,
        definition: request.definition,
        createdBy,
        at: deps.clock.now(),
      });
      return toVersion(row);
    },

    async publish(id: string): Promise<ProcessVersion> {
      const row = await repo.findById(id);
      if (!row) throw notFound('Không tìm thấy phiên bản quy trình.');
      if (row.status !== 'draft') {
        throw new AppError('CONFLICT', 'Chỉ ban hành được phiên bản quy trình đang là bản nháp.');
      }
      const { issues } = await service.check({
        agencyId: row.agencyId,
        definition: row.definition,
      });
      if (issues.length > 0) {
        throw new AppError('VALIDATION_FAILED', 'Quy trình chưa hợp lệ, không thể ban hành.', {
          issues,
        });
      }
      await repo.transaction((tx) => repo.publish(tx, row, deps.clock.now()));
      publishedCache.clear();
      return toVersion((await repo.findById(id))!);
    },

    /** The version a new dossier follows: the agency's own, else the province's default. */
    published(procedureCode: string, agencyId: string | null): Promise<ProcessVersion | null> {
      const key = `${procedureCode}/${agencyId ?? ''}`;
      let found = publishedCache.get(key);
      if (!found) {
        found = repo
          .findPublished(procedureCode, agencyId)
          .then((row) => (row ? toVersion(row) : null));
        // A failed read is not remembered.
        found.catch(() => publishedCache.delete(key));
        publishedCache.set(key, found);
      }
      return found;
    },

    async byId(id: string): Promise<ProcessVersion | null> {
      const row = await repo.findById(id);
      return row ? toVersion(row) : null;
    },

    /**
     * First start: the province's default processes for a few well-known procedures, published
     * when they fit; a procedure that already has a version is left to its administrators.
     */
    async seedDefaults(): Promise<number> {
      let seeded = 0;
      const files = (await readdir(deps.defaultsDir)).filter((f) => f.endsWith('.json')).sort();
      for (const file of files) {
        const definition = ProcessDefinition.parse(
          JSON.parse(await readFile(path.join(deps.defaultsDir, file), 'utf8')),
        );
        if ((await repo.list(definition.procedureCode)).length > 0) continue;
        const draft = await service.saveDraft({ agencyId: null, definition }, null);
        try {
          await service.publish(draft.id);
          seeded += 1;
        } catch (error) {
          // E.g. no legal time configured yet: the draft waits for the administrators.
          if (!(error instanceof AppError)) throw error;
          deps.log.warn(
            { procedureCode: definition.procedureCode, issues: error.issues },
            'workflow default left as draft',
          );
        }
      }
      return seeded;
    },
  };
  return service;
}

export type WorkflowService = ReturnType<typeof createWorkflowService>;
