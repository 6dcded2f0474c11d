import {
  MINISTRY_NAMES,
  type MinistryDossierItem,
  type MinistryDossierList,
  type MinistryDossierQuery,
  type MinistryIngestRunResult,
  type MinistryIngestSummary,
  type MinistrySource,
} from '@motcua/contracts';
import {
  EPOCH,
  compareCursor,
  parseNationalDate,
  type MinistryClient,
  type MinistryDossier,
} from '../../integrations/ministry/index.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { enqueueJob, type JobDefinitions } from '../../platform/jobs/jobs.js';
import type { Logger } from '../../platform/logger.js';
import {
  createIngestRepository,
  type Cursor,
  type IncomingRow,
  type StoredRow,
} from './ministry-ingest.repository.js';

export const PULL_TASK = 'ministry-ingest:pull';
/** A pull stops after this many pages and goes on at the next one (a runaway source). */
const MAX_PAGES = 500;

/** TrangThaiHoSo, the DVCQG code list the ministries' systems share (domain.md §4.2). */
export const STATUS_NAMES: Record<number, string> = {
  1: 'Mới đăng ký',
  2: 'Được tiếp nhận',
  3: 'Không được tiếp nhận',
  4: 'Đang xử lý',
  5: 'Yêu cầu bổ sung giấy tờ',
  6: 'Yêu cầu thực hiện nghĩa vụ tài chính',
  7: 'Công dân yêu cầu rút hồ sơ',
  8: 'Dừng xử lý',
  9: 'Đã xử lý xong',
  10: 'Đã trả kết quả',
};

export interface MinistryIngestDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  /** The ministries' systems this province reads, each through its client (MINISTRY_SYSTEMS). */
  systems: Array<{ source: MinistrySource; client: MinistryClient }>;
  /** Our agency with this electronic ID (QĐ 20/2020/QĐ-TTg), to file their rows under ours. */
  findAgencyByElectronicId: (electronicId: string) => Promise<{ id: string } | undefined>;
  /** How often the worker pulls (graphile-worker cron); default every 15 minutes. */
  crontab?: string;
}

const sourceName = (source: MinistrySource) =>
  `${MINISTRY_NAMES[source].system} (${MINISTRY_NAMES[source].ministry})`;
const date = (text: string | undefined) => (text ? (parseNationalDate(text) ?? null) : null);
const tail = (value: string | undefined) => {
  const digits = (value ?? '').replace(/\D/g, '');
  return digits.length >= 4 ? digits.slice(-4) : null;
};

export function createMinistryIngestService(deps: MinistryIngestDeps) {
  const { db } = deps;
  const repo = createIngestRepository();

  async function toIncoming(source: MinistrySource, row: MinistryDossier): Promise<IncomingRow> {
    const agency = row.MaDonVi ? await deps.findAgencyByElectronicId(row.MaDonVi) : undefined;
    // The ID number and phone are kept as their last four digits, nothing more.
    const raw: Record<string, unknown> = { ...row };
    delete raw.SoGiayToChuHoSo;
    delete raw.SoDienThoai;
    return {
      source,
      code: row.MaHoSo,
      procedureCode: row.MaTTHC,
      procedureName: row.TenTTHC ?? null,
      agencyCode: row.MaDonVi ?? null,
      agencyName: row.TenDonVi ?? null,
      agencyId: agency?.id ?? null,
      applicantName: row.ChuHoSo ?? null,
      idNumberTail: tail(row.SoGiayToChuHoSo),
      phoneTail: tail(row.SoDienThoai),
      statusCode: row.TrangThaiHoSo,
      channel: row.KenhThucHien ?? null,
      filedAt: date(row.NgayNopHoSo)!,
      receivedAt: date(row.NgayTiepNhan),
      dueAt: date(row.NgayHenTra),
      resultAt: date(row.NgayCoKetQua),
      returnedAt: date(row.NgayTraKetQua),
      remoteChangedAt: date(row.NgayCapNhat)!,
      raw,
    };
  }

  /**
   * One source, from its cursor to the end. Each page is written with the cursor that follows it
   * in one transaction: a failure mid-way keeps the pages before it, and the next pull starts
   * right after them (no loss); a page read twice changes nothing (no duplicate). Two pulls at
   * once only repeat each other's work: the cursor only moves forward and a row is only replaced
   * by a newer version.
   */
  async function pullSource(source: MinistrySource, client: MinistryClient) {
    const outcome = { source, ok: true, pages: 0, received: 0, upserted: 0, rejected: 0 };
    let error: string | null = null;
    try {
      let cursor: Cursor = (await repo.cursorOf(db, source)) ?? { changedAt: EPOCH, code: '' };
      if (cursor.changedAt === '') cursor = { changedAt: EPOCH, code: '' };
      while (outcome.pages < MAX_PAGES) {
        const page = await client.listChanged(cursor);
        outcome.pages += 1;
        outcome.received += page.rows.length;
        outcome.rejected += page.rejected.length;
        for (const bad of page.rejected) {
          deps.log.warn({ source, code: bad.code, problem: bad.problem }, 'ministry row rejected');
        }
        // A row served twice in a page (a replica's echo) is written once, its latest version.
        const latest = new Map<string, MinistryDossier>();
        for (const row of page.rows) {
          const seen = latest.get(row.MaHoSo);
          if (!seen || seen.NgayCapNhat <= row.NgayCapNhat) latest.set(row.MaHoSo, row);
        }
        const incoming = await Promise.all([...latest.values()].map((r) => toIncoming(source, r)));
        const next = page.next;
        outcome.upserted += await db.transaction(async (tx) => {
          const written = await repo.upsert(tx, incoming, deps.clock.now());
          if (next && compareCursor(next, cursor) > 0) await repo.advance(tx, source, next);
          return written;
        });
        if (!page.more || !next || compareCursor(next, cursor) <= 0) break;
        cursor = next;
      }
    } catch (caught) {
      error = caught instanceof Error ? caught.message : String(caught);
      deps.log.warn({ source, err: caught }, 'ministry ingest stopped');
    }
    await repo.recordRun(db, source, { at: deps.clock.now(), error });
    return { ...outcome, ok: error === null, error };
  }

  async function run(only?: MinistrySource): Promise<MinistryIngestRunResult> {
    const sources = [];
    for (const { source, client } of deps.systems) {
      if (only && source !== only) continue;
      sources.push(await pullSource(source, client));
    }
    return { sources };
  }

  function toItem(row: StoredRow & { overdue: boolean }): MinistryDossierItem {
    const source = row.source as MinistrySource;
    return {
      code: row.code,
      source,
      sourceName: sourceName(source),
      procedureCode: row.procedureCode,
      procedureName: row.procedureName ?? row.procedureCode,
      agencyCode: row.agencyCode,
      agencyName: row.agencyName,
      agencyId: row.agencyId,
      applicantName: row.applicantName,
      statusCode: row.statusCode,
      statusLabel: STATUS_NAMES[row.statusCode] ?? String(row.statusCode),
      channel: row.channel,
      filedAt: row.filedAt.toISOString(),
      receivedAt: row.receivedAt?.toISOString() ?? null,
      dueAt: row.dueAt?.toISOString() ?? null,
      resultAt: row.resultAt?.toISOString() ?? null,
      returnedAt: row.returnedAt?.toISOString() ?? null,
      overdue: row.overdue,
      changedAt: row.remoteChangedAt.toISOString(),
      ingestedAt: row.ingestedAt.toISOString(),
    };
  }

  return {
    run,

    /** Read-only list for officers; `agencyIds` null = every agency (province-wide readers). */
    async list(
      query: MinistryDossierQuery,
      agencyIds: string[] | null,
    ): Promise<MinistryDossierList> {
      const { total, rows } = await repo.list(db, {
        source: query.source,
        status: query.status,
        agency: query.agency,
        agencyIds,
        overdue: query.overdue === undefined ? undefined : query.overdue === 'true',
        q: query.q,
        now: deps.clock.now(),
        limit: query.pageSize,
        offset: (query.page - 1) * query.pageSize,
      });
      return { total, items: rows.map(toItem) };
    },

    /** Counts by source, for the reports (issue 16: "reports count them by source"). */
    async summary(): Promise<MinistryIngestSummary> {
      const { counts, states } = await repo.summary(db, deps.clock.now());
      const known = new Set<string>([
        ...deps.systems.map((s) => s.source),
        ...counts.map((c) => c.source),
      ]);
      return {
        sources: [...known].sort().map((name) => {
          const source = name as MinistrySource;
          const count = counts.find((c) => c.source === name);
          const state = states.find((s) => s.source === name);
          const byStatus = count?.by_status ?? {};
          return {
            source,
            sourceName: MINISTRY_NAMES[source] ? sourceName(source) : name,
            total: Number(count?.total ?? 0),
            open: Number(count?.open ?? 0),
            settled: (byStatus['9'] ?? 0) + (byStatus['10'] ?? 0),
            overdue: Number(count?.overdue ?? 0),
            byStatus,
            lastRunAt: state?.last_run_at ? new Date(state.last_run_at).toISOString() : null,
            lastSuccessAt: state?.last_success_at
              ? new Date(state.last_success_at).toISOString()
              : null,
            lastError: state?.last_error ?? null,
            watermark: state?.cursor_changed_at || null,
          };
        }),
      };
    },

    /** For the public lookup (dossiers module, wired in app.ts): see `ExternalLookup` there. */
    lookup: {
      async find(code: string) {
        const row = await repo.findByCode(db, code);
        if (!row) return undefined;
        const source = row.source as MinistrySource;
        const steps = [
          { label: 'Nộp hồ sơ', at: row.filedAt },
          { label: 'Tiếp nhận hồ sơ', at: row.receivedAt },
          { label: 'Đã có kết quả giải quyết', at: row.resultAt },
          { label: 'Trả kết quả', at: row.returnedAt },
        ].filter((s): s is { label: string; at: Date } => s.at !== null);
        return {
          key: `${row.source}|${row.code}`,
          code: row.code,
          procedureName: row.procedureName ?? row.procedureCode,
          statusCode: row.statusCode,
          statusLabel: STATUS_NAMES[row.statusCode] ?? String(row.statusCode),
          source,
          applicantName: row.applicantName ?? '',
          idNumberTail: row.idNumberTail,
          phoneTail: row.phoneTail,
          filedAt: row.filedAt,
          receivedAt: row.receivedAt,
          dueAt: row.dueAt,
          steps,
        };
      },
      countVerifyAttempt(attempt: { key: string; wrong: boolean; now: Date; windowMs: number }) {
        const [source = '', code = ''] = attempt.key.split('|');
        return repo.countVerifyAttempt(db, { ...attempt, source, code });
      },
    },

    /** At start-up: a first pull soon, so a fresh demo has the ministry's dossiers. */
    async prepare(): Promise<void> {
      if (deps.systems.length === 0) return;
      await enqueueJob(db, PULL_TASK, {}, { jobKey: PULL_TASK, maxAttempts: 3 });
    },

    jobs: {
      tasks: {
        [PULL_TASK]: async () => {
          if (deps.systems.length === 0) return;
          const result = await run();
          deps.log.info({ sources: result.sources }, 'ministry ingest pulled');
        },
      },
      // A failed pull is recorded in min_ingest_state and retried at the next tick, not thrown.
      crontab: deps.systems.length > 0 ? [`${deps.crontab ?? '*/15 * * * *'} ${PULL_TASK}`] : [],
    } satisfies JobDefinitions,
  };
}

export type MinistryIngestService = ReturnType<typeof createMinistryIngestService>;
