import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  NewFeeSchedule,
  type Channel,
  type FeeQuote,
  type FeeQuoteInput,
  type FeeReview,
  type FeeSchedule,
  type FeeScheduleInput,
  type ProcedureDetail,
  type ProcedureFees,
} from '@motcua/contracts';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { JobDefinitions } from '../../platform/jobs/jobs.js';
import type { Logger } from '../../platform/logger.js';
import { feesFromRecord } from './catalogue-fees.js';
import {
  createFeesRepository,
  type FeeScheduleRow,
  type NewFeeScheduleRow,
} from './fees.repository.js';
import { describeRule, itemAmount, quoteItems } from './quote.js';

export interface FeeAgency {
  id: string;
  electronicId: string | null;
}

export interface FeesDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  /** The catalogue's detail of a procedure; throws the catalogue's Vietnamese 404 when unknown. */
  getProcedure: (code: string) => Promise<ProcedureDetail>;
  findAgencyByElectronicId: (eid: string) => Promise<FeeAgency | undefined>;
  /** data/fees: curated schedules, `<code>.json` each. */
  dataDir?: string | null;
}

export const IMPORT_TASK = 'fees:import-catalogue';

/** Before any dated schedule: the national record's figure stands for the past. [U] */
const SINCE_ALWAYS = '2000-01-01';
const VN_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' });
export const dayOf = (at: Date) => VN_DAY.format(at);

const nextDay = (day: string) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

function toView(row: FeeScheduleRow): FeeSchedule {
  return {
    id: row.id,
    procedureCode: row.procedureCode,
    agencyId: row.agencyId,
    agency: row.agencyEid,
    version: row.version,
    source: row.source,
    items: row.items,
    exemptions: row.exemptions,
    onlineReduction: row.onlineReduction ?? null,
    legalBasis: row.legalBasis,
    effectiveFrom: row.effectiveFrom,
    effectiveTo: row.effectiveTo,
    beneficiary: row.beneficiary ?? null,
    treasury: row.treasury ?? null,
    receiptSeries: row.receiptSeries,
    note: row.note,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
  };
}

export function createFeesService(deps: FeesDeps) {
  const repo = createFeesRepository(deps.db);

  async function agencyByEid(eid: string): Promise<FeeAgency> {
    const agency = await deps.findAgencyByElectronicId(eid);
    if (!agency) throw notFound(`Không tìm thấy cơ quan có mã định danh ${eid}.`);
    return agency;
  }

  /** Curated files first, so the catalogue's proposal never stands where the province wrote one. */
  async function seedCurated(): Promise<number> {
    if (!deps.dataDir) return 0;
    let files: string[];
    try {
      files = (await readdir(deps.dataDir)).filter((f) => f.endsWith('.json')).sort();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw error;
    }
    let seeded = 0;
    for (const name of files) {
      const file = path.join(deps.dataDir, name);
      const parsed = NewFeeSchedule.safeParse(
        await readFile(file, 'utf8')
          .then((text) => JSON.parse(text) as unknown)
          .catch(() => undefined),
      );
      if (!parsed.success) {
        // One bad file must not keep the system from starting (as the catalogue's defaults).
        deps.log.warn(
          { file, issues: parsed.error.issues.slice(0, 3) },
          'fee schedule file skipped',
        );
        continue;
      }
      const s = parsed.data;
      const agency = s.agency === null ? null : await deps.findAgencyByElectronicId(s.agency);
      if (s.agency !== null && !agency) {
        deps.log.warn({ file, agency: s.agency }, 'fee schedule file: unknown agency');
        continue;
      }
      const agencyId = agency?.id ?? null;
      const hash = createHash('sha256').update(JSON.stringify(s)).digest('hex');
      // Idempotent: the same file never twice; a version the province entered is never overridden.
      if (
        (await repo.hasVersion(deps.db, s.procedureCode, agencyId, { contentHash: hash })) ||
        (await repo.hasVersion(deps.db, s.procedureCode, agencyId, { sources: ['admin'] }))
      ) {
        continue;
      }
      await repo.insertVersion({
        ...rowOf(s, agencyId),
        source: 'curated',
        contentHash: hash,
        createdAt: deps.clock.now(),
        createdBy: `data/fees/${name}`,
      });
      seeded += 1;
    }
    return seeded;
  }

  function rowOf(s: FeeScheduleInput, agencyId: string | null) {
    return {
      procedureCode: s.procedureCode,
      agencyId,
      agencyEid: s.agency,
      items: s.items,
      exemptions: s.exemptions,
      onlineReduction: s.onlineReduction,
      legalBasis: s.legalBasis,
      effectiveFrom: s.effectiveFrom,
      effectiveTo: s.effectiveTo,
      beneficiary: s.beneficiary,
      treasury: s.treasury,
      receiptSeries: s.receiptSeries,
      note: s.note,
    };
  }

  /**
   * Every public procedure whose current record was not read yet: its fee rows → a province-
   * default schedule when usable and the procedure has none (a newer record never replaces a
   * schedule: the review shows it), and the verdict kept for seed 002's review. Idempotent.
   */
  async function importCatalogue(): Promise<{ read: number; usable: number; created: number }> {
    const records = await repo.unreadRecords();
    const now = deps.clock.now();
    const schedules: NewFeeScheduleRow[] = [];
    const verdicts = records.map((record) => {
      const fees = feesFromRecord(record);
      if (fees.usable) {
        schedules.push({
          procedureCode: record.code,
          agencyId: null,
          agencyEid: null,
          source: 'catalogue',
          items: fees.items,
          exemptions: [],
          onlineReduction: null,
          legalBasis: fees.legalBasis,
          effectiveFrom: SINCE_ALWAYS,
          effectiveTo: null,
          beneficiary: null,
          treasury: null,
          receiptSeries: null,
          note: `Đề xuất từ CSDL quốc gia về TTHC (phiên bản ${record.version}); cần rà soát.`,
          createdAt: now,
          createdBy: 'CSDL quốc gia về TTHC',
        });
      }
      return {
        procedureCode: record.code,
        catalogueVersion: record.version,
        name: record.name,
        field: record.field,
        usable: fees.usable,
        reason: fees.usable ? '' : fees.reason,
        raw: fees.raw,
        importedAt: now,
      };
    });
    const created = await repo.saveImport(schedules, verdicts);
    return { read: records.length, usable: schedules.length, created: created.size };
  }

  async function scheduleFor(procedureCode: string, agencyId: string | null, day: string) {
    return repo.inForce(procedureCode, agencyId, day);
  }

  const service = {
    /** Every start: curated files, then the catalogue's records not read yet. */
    async prepare() {
      const curated = await seedCurated();
      const imported = await importCatalogue();
      if (curated + imported.read > 0) deps.log.info({ curated, ...imported }, 'fee schedules');
      return { curated, ...imported };
    },

    /**
     * What a dossier owes (CORE, STEP): the schedule in force on the day it was filed (Asia/Ho_Chi_
     * Minh), the agency's own before the province default; null when there is none.
     */
    async quote(input: FeeQuoteInput): Promise<FeeQuote | null> {
      const row = await scheduleFor(input.procedureCode, input.agencyId ?? null, dayOf(input.at));
      if (!row) return null;
      const items = quoteItems(row, input);
      return {
        scheduleId: row.id,
        items,
        total: items.reduce((sum, i) => sum + i.amount, 0),
        effectiveFrom: row.effectiveFrom,
        beneficiary: row.beneficiary ?? null,
        treasury: row.treasury ?? null,
        receiptSeries: row.receiptSeries,
      };
    },

    /** GET /api/procedures/{code}/fees: the schedule for one copy, one page, the default case. */
    async procedureFees(
      code: string,
      query: {
        agency?: string | undefined;
        channel?: Channel | undefined;
        date?: string | undefined;
      },
    ): Promise<ProcedureFees> {
      await deps.getProcedure(code);
      const agency = query.agency === undefined ? null : await agencyByEid(query.agency);
      const channel = query.channel ?? 'online';
      const row = await scheduleFor(
        code,
        agency?.id ?? null,
        query.date ?? dayOf(deps.clock.now()),
      );
      if (!row) {
        return {
          procedureCode: code,
          usable: false,
          items: [],
          total: 0,
          effectiveFrom: null,
          scheduleId: null,
          agency: null,
          channel,
          legalBasis: [],
          exemptions: [],
          onlineReductionPercent: null,
        };
      }
      const facts = { channel };
      const items = row.items
        .filter((i) => i.channels === null || i.channels.includes(channel))
        .map((item) => {
          // A by-case item without a default case shows its lowest figure ("từ …").
          const amount =
            item.rule.type === 'by_case' && item.rule.defaultCase === null
              ? Math.min(...item.rule.cases.map((c) => c.amount))
              : itemAmount(item.rule, facts);
          return { item, amount };
        });
      // The online reduction applies to everyone filing online: shown in the amounts.
      const reduced = quoteItems(
        {
          ...row,
          exemptions: [],
          items: items.map(({ item, amount }) => ({
            ...item,
            rule: { type: 'fixed' as const, amount },
          })),
        },
        facts,
      );
      const lines = reduced.map((q, i) => ({ ...q, rule: describeRule(items[i]!.item.rule) }));
      return {
        procedureCode: code,
        usable: true,
        items: lines,
        total: lines.reduce((sum, l) => sum + l.amount, 0),
        effectiveFrom: row.effectiveFrom,
        scheduleId: row.id,
        agency: row.agencyEid,
        channel,
        legalBasis: row.legalBasis,
        exemptions: row.exemptions.map((e) => ({ category: e.category, percent: e.percent })),
        onlineReductionPercent: row.onlineReduction?.percent ?? null,
      };
    },

    async listSchedules(procedureCode: string): Promise<{ items: FeeSchedule[] }> {
      await deps.getProcedure(procedureCode);
      return { items: (await repo.listVersions(procedureCode)).map(toView) };
    },

    /**
     * A new version (POST /api/admin/fee-schedules). Never retroactive: it takes effect today at
     * the earliest, and tomorrow at the earliest when a version is already in force today (a
     * dossier filed this morning keeps what it was quoted; NĐ 118/2025 Art. 24 via issue 17).
     */
    async createSchedule(
      input: FeeScheduleInput,
      actor: string,
      idempotencyKey: string | null,
    ): Promise<{ created: boolean; schedule: FeeSchedule }> {
      const key = idempotencyKey === null ? null : `${actor}:${idempotencyKey}`;
      if (key !== null) {
        const earlier = await repo.findByIdempotencyKey(key);
        if (earlier) return { created: false, schedule: toView(earlier) };
      }
      await deps.getProcedure(input.procedureCode);
      const agency = input.agency === null ? null : await agencyByEid(input.agency);
      const today = dayOf(deps.clock.now());
      const current = await repo.inForce(input.procedureCode, agency?.id ?? null, today);
      const inForceHere = current !== undefined && current.agencyId === (agency?.id ?? null);
      const earliest = inForceHere ? nextDay(today) : today;
      if (input.effectiveFrom < earliest) {
        throw new AppError(
          'VALIDATION_FAILED',
          inForceHere
            ? `Biểu phí đang có hiệu lực không được sửa; phiên bản mới phải có hiệu lực từ ngày ${earliest} trở đi.`
            : `Ngày có hiệu lực không được trước hôm nay (${today}).`,
          { issues: [{ path: 'effectiveFrom', message: `Ngày có hiệu lực phải từ ${earliest}` }] },
        );
      }
      try {
        const row = await repo.insertVersion({
          ...rowOf(input, agency?.id ?? null),
          agencyEid: agency?.electronicId ?? input.agency,
          source: 'admin',
          idempotencyKey: key,
          createdAt: deps.clock.now(),
          createdBy: actor,
        });
        return { created: true, schedule: toView(row) };
      } catch (error) {
        // Two retries racing with one key: the loser answers with the winner's version.
        const earlier = key === null ? undefined : await repo.findByIdempotencyKey(key);
        if (earlier) return { created: false, schedule: toView(earlier) };
        throw error;
      }
    },

    jobs: {
      tasks: {
        [IMPORT_TASK]: async () => {
          const result = await importCatalogue();
          if (result.read > 0) deps.log.info(result, 'fee data read from changed records');
        },
      },
      // 20:30 UTC = 03:30 in Vietnam, after the catalogue's nightly national sync (03:00).
      crontab: [`30 20 * * * ${IMPORT_TASK} ?max=3`],
    } satisfies JobDefinitions,

    async review(page: number, pageSize: number): Promise<FeeReview> {
      const { counts, items } = await repo.review(dayOf(deps.clock.now()), page, pageSize);
      return { counts, page, pageSize, total: counts.missing, items };
    },
  };
  return service;
}

export type FeesService = ReturnType<typeof createFeesService>;
