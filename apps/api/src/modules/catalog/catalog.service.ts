import { readFile } from 'node:fs/promises';
import {
  ChecklistItem,
  PaymentRule,
  ProcessingTime,
  type EditProcedure,
  type ImportSummary,
  type LocalConfig,
  type RecordReview,
  type ProcedureContent,
  type ProcedureDetail,
  type ProcedureSearchQuery,
  type ProcedureSearchResponse,
  type TimeUnit,
} from '@motcua/contracts';
import { LRUCache } from 'lru-cache';
import { IntegrationError } from '../../integrations/integration-error.js';
import {
  parseNationalDate,
  type NationalCatalogClient,
} from '../../integrations/national-catalog/index.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { JobDefinitions } from '../../platform/jobs/jobs.js';
import type { Logger } from '../../platform/logger.js';
import { createCatalogRepository } from './catalog.repository.js';
import { proposeChecklist } from './checklist.js';
import { diffContent } from './procedure.js';
import { editProcedure } from './use-cases/edit-procedure.js';
import { importProcedures } from './use-cases/import-procedures.js';
import {
  assignDepartments,
  listReviewItems,
  recordReview,
  reviewProgress,
  reviewProgressTable,
  runOnReport,
  runOnTable,
  type Department,
} from './use-cases/review-catalogue.js';
import { listJsonFiles, readNationalCatalog, readScrapedFiles } from './use-cases/read-sources.js';
import { seedLocalDefaults } from './use-cases/seed-local-defaults.js';

export interface CatalogDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  /** The bundled catalogue (data/procedures) loaded when the database has none. */
  bundledDir: string;
  nationalCatalog: NationalCatalogClient;
  /** data/catalog/field-departments.json: the default owner department of each field. */
  fieldDepartmentsFile: string;
  /** The province's departments (sở), in their official order (organisation module). */
  listDepartments: () => Promise<Department[]>;
  /** For report headings. */
  provinceName: () => Promise<string>;
  /** Demo mode: data/catalog/demo-processing-times.json, legal times the demo relies on. */
  demoProcessingTimesFile?: string | null;
  /**
   * data/catalog: its checklists/ and eforms/ hold the province's default checklists and e-forms,
   * copied at every start into procedures that have none (never over the province's own).
   */
  localDefaultsDir?: string | null;
}

export const SYNC_TASK = 'catalog:sync-national';

const VN_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' });

export function createCatalogService(deps: CatalogDeps) {
  const repo = createCatalogRepository(deps.db);
  const importDeps = { db: deps.db, repo, clock: deps.clock };

  async function recordRun(
    source: 'national' | 'file',
    run: () => Promise<{ summary: ImportSummary; watermark?: Date | null }>,
  ): Promise<ImportSummary> {
    const id = await repo.startImportRun(source, deps.clock.now());
    const { summary, watermark } = await run();
    catalogueChanged();
    await repo.finishImportRun(id, {
      finishedAt: deps.clock.now(),
      summary,
      watermark: watermark ?? null,
    });
    deps.log.info({ summary: { ...summary, rejected: summary.rejected.length } }, 'catalog import');
    return summary;
  }

  // Citizens search the same few procedures over and over (khai sinh, kết hôn, hộ kinh doanh…),
  // and facets cost two full GROUP BYs; both change only with the catalogue. Per process: every
  // change here empties it, and with several API processes the others converge within 60 s.
  const reads = new LRUCache<string, Promise<unknown>>({ max: 2_000, ttl: 60_000 });
  const cached = <T>(key: string, load: () => Promise<T>): Promise<T> => {
    let hit = reads.get(key) as Promise<T> | undefined;
    if (!hit) {
      hit = load();
      reads.set(key, hit);
      hit.catch(() => reads.delete(key));
    }
    return hit;
  };
  const catalogueChanged = () => reads.clear();

  const service = {
    /** `npm run catalog:import -- <file-or-dir>` and the first start. */
    async importFiles(target: string, onProgress?: (done: number) => void) {
      const files = await listJsonFiles(target);
      return recordRun('file', async () => ({
        summary: await importProcedures(importDeps, readScrapedFiles(files), {
          source: 'file',
          onProgress,
        }),
      }));
    },

    /** Incremental import from the national TTHC database since the last successful run. */
    async syncNational() {
      const since = await repo.lastWatermark('national');
      let newest: Date | null = since;
      let oldestFailed: Date | null = null;
      return recordRun('national', async () => {
        const summary = await importProcedures(
          importDeps,
          readNationalCatalog(deps.nationalCatalog, since, (updatedAt, ok) => {
            const at = parseNationalDate(updatedAt);
            if (!at) return;
            if (ok && (newest === null || at > newest)) newest = at;
            if (!ok && (oldestFailed === null || at < oldestFailed)) oldestFailed = at;
          }),
          { source: 'national' },
        );
        // A failed record is fetched again next time: never move past it.
        return { summary, watermark: oldestFailed ?? newest };
      });
    },

    /** On demand from the administration: a national outage is a 503, not a crash. */
    async requestSync() {
      try {
        return await service.syncNational();
      } catch (error) {
        if (error instanceof IntegrationError) {
          throw new AppError(
            'SERVICE_UNAVAILABLE',
            `Không đồng bộ được với CSDL quốc gia về TTHC: ${error.message}`,
            { cause: error },
          );
        }
        throw error;
      }
    },

    /** First start: the bundled catalogue; every start: owners for procedures that have none. */
    async prepare() {
      if ((await repo.countProcedures()) === 0) {
        await service.importFiles(deps.bundledDir);
        await repo.analyze();
      }
      const result = await assignDepartments(
        repo,
        deps.fieldDepartmentsFile,
        await deps.listDepartments(),
      );
      if (result.unknownDepartments.length > 0) {
        deps.log.warn({ unknown: result.unknownDepartments }, 'field-departments: unknown names');
      }
      if (deps.localDefaultsDir) {
        const filled = await seedLocalDefaults(repo, deps.localDefaultsDir, deps.log);
        catalogueChanged();
        if (filled.checklists + filled.eforms + filled.paymentRules > 0)
          deps.log.info(filled, 'catalog defaults seeded');
      }
      if (deps.demoProcessingTimesFile) {
        const file = JSON.parse(await readFile(deps.demoProcessingTimesFile, 'utf8')) as {
          items: Record<string, unknown>;
        };
        for (const [code, time] of Object.entries(file.items)) {
          const detail = await service.getProcedure(code).catch(() => undefined);
          // Never over what the province configured itself.
          if (!detail || detail.local.processingTime) continue;
          await service.updateLocalConfig(code, {
            ...detail.local,
            processingTime: ProcessingTime.parse(time),
          });
        }
      }
      return result;
    },

    listMovedProcedures: () => repo.listMoved(),

    runOnReport: async () => runOnReport(repo, await deps.listDepartments()),
    runOnTable: async () => runOnTable(await service.runOnReport(), await deps.provinceName()),

    async createReviewBatch(name: string) {
      const batch = await repo.createReviewBatch(name, deps.clock.now());
      return (await service.listReviewBatches()).items.find((b) => b.id === batch.id)!;
    },
    async listReviewBatches() {
      const rows = await repo.listReviewBatches();
      return {
        items: rows.map((b) => ({
          ...b,
          openedAt: b.openedAt.toISOString(),
          closedAt: b.closedAt?.toISOString() ?? null,
        })),
      };
    },
    reviewProgress: async (batchId: number) =>
      reviewProgress(repo, await deps.listDepartments(), batchId),
    reviewProgressTable: async (batchId: number) =>
      reviewProgressTable(await service.reviewProgress(batchId), await deps.provinceName()),
    recordReview: (batchId: number, code: string, review: RecordReview) =>
      recordReview(repo, deps.clock, batchId, code, review),
    listReviewItems: async (
      batchId: number,
      filter: { departmentId?: string | undefined; pending?: boolean | undefined },
    ) => listReviewItems(repo, await deps.listDepartments(), batchId, filter),

    search(query: ProcedureSearchQuery): Promise<ProcedureSearchResponse> {
      const key = JSON.stringify([
        query.q?.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim() ?? '',
        query.field,
        query.level,
        query.onlineLevel,
        query.runOn,
        query.agency,
        query.page,
        query.pageSize,
      ]);
      return cached(`search:${key}`, () => service.searchUncached(query));
    },

    async searchUncached(query: ProcedureSearchQuery): Promise<ProcedureSearchResponse> {
      const { rows, total } = await repo.search(query);
      return {
        total,
        page: query.page,
        pageSize: query.pageSize,
        items: rows.map((r) => ({
          code: r.code,
          name: r.name,
          field: r.field,
          levels: r.levels,
          onlineLevel: r.onlineLevel as LocalConfig['onlineLevel'],
          runOn: r.runOn as LocalConfig['runOn'],
          processingTime:
            r.minTimeValue === null
              ? null
              : { value: r.minTimeValue, unit: r.minTimeUnit as TimeUnit | null },
        })),
      };
    },

    facets: () => cached('facets', () => repo.facets()),

    /**
     * A procedure's detail is a ~20 KB document; intake reads it twice per dossier and the public
     * lookup once (bench 2026-11-24: uncached, both were capped at the procedure page's rate).
     * Cached like searches: any catalogue change here empties it, other processes within 60 s.
     */
    getProcedure: (code: string): Promise<ProcedureDetail> =>
      cached(`procedure:${code}`, () => service.getProcedureUncached(code)),

    async getProcedureUncached(code: string): Promise<ProcedureDetail> {
      const row = await repo.findProcedure(code);
      if (!row) throw notFound(`Không tìm thấy thủ tục có mã ${code}.`);
      const version = await repo.findVersion(code, row.procedure.currentVersion);
      if (!version) throw notFound(`Thủ tục ${code} chưa có phiên bản nào.`);
      const local = toLocalConfig(row.local);
      const today = VN_DATE.format(deps.clock.now());
      // Seeds 001/004: after the cutover, new dossiers are filed on the ministry's system.
      const onMinistry =
        local.runOn === 'ministry' && (local.cutoverDate === null || local.cutoverDate <= today);
      return {
        content: version.content,
        version: {
          number: version.number,
          effectiveDate: version.effectiveDate,
          decisionNo: version.decisionNo,
        },
        local,
        filing: {
          where: onMinistry ? 'ministry' : 'province',
          url: onMinistry ? local.ministrySystemUrl : null,
        },
        checklist: checklistOf(version.content, local),
        parseIssues: row.procedure.parseIssues,
      };
    },

    /** The parser's proposal even when the province has its own list (the review compares). */
    async proposedChecklist(code: string): Promise<ProcedureDetail['checklist']> {
      const detail = await service.getProcedure(code);
      return { source: 'catalogue', ...proposeChecklist(detail.content.components) };
    },

    async listVersions(code: string) {
      const items = await repo.listVersions(code);
      if (items.length === 0) throw notFound(`Không tìm thấy thủ tục có mã ${code}.`);
      return {
        items: items.map((v) => ({
          ...v,
          source: v.source as 'national' | 'file' | 'edit',
          createdAt: v.createdAt.toISOString(),
        })),
      };
    },

    async diffVersions(code: string, from: number, to: number) {
      const [a, b] = await Promise.all([repo.findVersion(code, from), repo.findVersion(code, to)]);
      if (!a || !b) {
        throw notFound(`Thủ tục ${code} không có phiên bản ${!a ? from : to}.`);
      }
      return { from, to, changes: diffContent(a.content, b.content) };
    },

    async editProcedure(code: string, edit: EditProcedure): Promise<ProcedureDetail> {
      await editProcedure(importDeps, code, edit);
      catalogueChanged();
      return service.getProcedure(code);
    },

    async updateLocalConfig(code: string, config: LocalConfig): Promise<ProcedureDetail> {
      if (config.runOn === 'ministry' && config.ministrySystemUrl === null) {
        throw new AppError(
          'VALIDATION_FAILED',
          'Thủ tục thực hiện trên hệ thống của bộ cần có địa chỉ để hướng dẫn người dân nộp hồ sơ.',
        );
      }
      const found = await repo.updateLocalConfig(code, { ...config, updatedAt: deps.clock.now() });
      catalogueChanged();
      if (!found) throw notFound(`Không tìm thấy thủ tục có mã ${code}.`);
      return service.getProcedure(code);
    },

    jobs: {
      tasks: {
        [SYNC_TASK]: async () => {
          await service.syncNational();
        },
      },
      // 20:00 UTC = 03:00 in Vietnam, after the nightly reference-data check.
      crontab: [`0 20 * * * ${SYNC_TASK} ?max=3`],
    } satisfies JobDefinitions,
  };
  return service;
}

function toLocalConfig(
  row: NonNullable<
    Awaited<ReturnType<ReturnType<typeof createCatalogRepository>['findProcedure']>>
  >['local'],
): LocalConfig {
  return {
    runOn: row.runOn as LocalConfig['runOn'],
    cutoverDate: row.cutoverDate,
    ministrySystemUrl: row.ministrySystemUrl,
    handlingAgencyId: row.handlingAgencyId,
    localFeeDecision: row.localFeeDecision,
    boundaryFree: row.boundaryFree,
    onlineLevel: row.onlineLevel as LocalConfig['onlineLevel'],
    eform: row.eform ?? null,
    // Rows saved before conditions, formats and notes existed take the defaults.
    checklist: CHECKLIST.parse(row.checklist),
    processingTime: row.processingTime ?? null,
    // Rows saved before payment rules existed take the defaults.
    payment: PaymentRule.parse(row.payment ?? {}),
  };
}

const CHECKLIST = ChecklistItem.array();

/**
 * What a citizen files against: the province's reviewed list when it has one, else the list
 * proposed from the national record's text. The record's notes and instructions to officers are
 * served beside it either way (the counter and the review screen show them, the citizen does not).
 */
function checklistOf(content: ProcedureContent, local: LocalConfig): ProcedureDetail['checklist'] {
  const proposal = proposeChecklist(content.components);
  return local.checklist.length > 0
    ? { source: 'province', items: local.checklist, officerNotes: proposal.officerNotes }
    : { source: 'catalogue', ...proposal };
}

export type CatalogService = ReturnType<typeof createCatalogService>;
