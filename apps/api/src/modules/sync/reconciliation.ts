import { and, asc, desc, eq } from 'drizzle-orm';
import {
  MISMATCH_KINDS,
  type MismatchKind,
  type Reconciliation,
  type ReconciliationRequest,
  type ReconciliationSummary,
  type SyncMismatch,
} from '@motcua/contracts';
import { IntegrationError } from '../../integrations/integration-error.js';
import {
  formatNationalDate,
  type DossierRecord,
  type DvcqgClient,
  type SyncTarget,
} from '../../integrations/dvcqg/index.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, DbExecutor } from '../../platform/db/database.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { ExportTable } from '../../platform/exports/table-export.js';
import type { Logger } from '../../platform/logger.js';
import { statusText, targetName, vietnamDay, type Incidents } from './incidents.js';
import { dossiersByCode, dossiersFiledIn, type OurDossierRow } from './sync.repository.js';
import { syncMismatch, syncReconciliation } from './sync.schema.js';

export const RECONCILE_TASK = 'sync:reconcile';

type Compared = Record<string, string | number | null>;
const DATE_FIELDS = ['NgayNopHoSo', 'NgayTiepNhan', 'NgayHenTra', 'NgayKetThucXuLy'] as const;

export const MISMATCH_LABELS: Record<MismatchKind, string> = {
  missing_there: 'Hệ thống quốc gia không có',
  missing_here: 'Hệ thống một cửa không có',
  status_differs: 'Trạng thái khác nhau',
  procedure_differs: 'Mã TTHC khác nhau',
  dates_differ: 'Ngày tháng khác nhau',
};

export interface ReconciliationDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  targets: Array<{ target: SyncTarget; client: DvcqgClient }>;
  /** The name of a receiving agency, as the payload's DonViXuLy carries it. */
  agencyName: (id: string) => Promise<string | undefined>;
  incidents: Incidents;
  /** Puts a dossier's events for one target back in the queue (see the sync service). */
  requeue: (
    tx: DbExecutor,
    target: string,
    dossierId: string,
    mode: 'all' | 'record',
  ) => Promise<number>;
}

const dateOrNull = (d: Date | null) => (d ? formatNationalDate(d) : null);

/** The compared fields of one of our dossiers, as our payload would carry them (mapping.ts). */
function oursOf(row: OurDossierRow, agency: string | undefined): Compared {
  return {
    MaTTHC: row.procedureCode,
    TrangThaiHoSo: row.statusCode,
    NgayNopHoSo: dateOrNull(row.filedAt),
    NgayTiepNhan: dateOrNull(row.receivedAt),
    NgayHenTra: dateOrNull(row.dueAt),
    NgayKetThucXuLy: dateOrNull(row.completedAt),
    DonViXuLy: agency ?? null,
  };
}

function theirsOf(record: DossierRecord): Compared {
  const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
  return {
    MaTTHC: record.MaTTHC,
    TrangThaiHoSo: record.TrangThaiHoSo,
    NgayNopHoSo: text(record.NgayNopHoSo),
    NgayTiepNhan: text(record.NgayTiepNhan),
    NgayHenTra: text(record.NgayHenTra),
    NgayKetThucXuLy: text(record.NgayKetThucXuLy),
    DonViXuLy: text(record.DonViXuLy),
  };
}

/** Each kind a pair differs by; a dossier may differ in several ways at once. */
function differences(ours: Compared, theirs: Compared): MismatchKind[] {
  const kinds: MismatchKind[] = [];
  if (ours.TrangThaiHoSo !== theirs.TrangThaiHoSo) kinds.push('status_differs');
  if (ours.MaTTHC !== theirs.MaTTHC) kinds.push('procedure_differs');
  if (DATE_FIELDS.some((f) => ours[f] !== theirs[f])) kinds.push('dates_differ');
  return kinds;
}

/** What the incident report says about a mismatch, in Vietnamese. */
function describe(
  kind: MismatchKind,
  target: string,
  ours: Compared | null,
  theirs: Compared | null,
): string {
  const system = targetName(target);
  switch (kind) {
    case 'missing_there':
      return `Đối chiếu: ${system} không có hồ sơ này (tra cứu TraCuuHoSo không tìm thấy).`;
    case 'missing_here':
      return `Đối chiếu: ${system} có hồ sơ này nhưng hệ thống một cửa không có.`;
    case 'status_differs':
      return `Đối chiếu: trạng thái trên ${system} là ${statusText(Number(theirs?.TrangThaiHoSo))}, trên hệ thống một cửa là ${statusText(Number(ours?.TrangThaiHoSo))}.`;
    case 'procedure_differs':
      return `Đối chiếu: mã TTHC trên ${system} là ${theirs?.MaTTHC}, trên hệ thống một cửa là ${ours?.MaTTHC}.`;
    case 'dates_differ':
      return `Đối chiếu: ngày tháng khác nhau — ${DATE_FIELDS.filter(
        (f) => ours?.[f] !== theirs?.[f],
      )
        .map((f) => `${f} (một cửa ${ours?.[f] ?? 'trống'}, ${system} ${theirs?.[f] ?? 'trống'})`)
        .join('; ')}.`;
  }
}

interface Found {
  target: string;
  code: string;
  dossierId: string | null;
  agencyId: string | null;
  kind: MismatchKind;
  ours: Compared | null;
  theirs: Compared | null;
}

/**
 * Cross-system reconciliation (đối chiếu, seed 002: "đối chiếu mã hồ sơ, mã TTHC, mã dịch vụ công,
 * trạng thái xử lý giữa Cổng DVCQG, Hệ thống điều phối và hệ thống chuyên ngành"): our dossiers
 * filed in a period against what each national system lists for it. A dossier of ours the listing
 * lacks is looked up by code before it is called missing, so a date that moved it out of the
 * portal's period shows as a date difference, not as a missing dossier.
 */
export function createReconciliation(deps: ReconciliationDeps) {
  const { db } = deps;

  async function compareWith(
    target: SyncTarget,
    client: DvcqgClient,
    period: { from: Date; to: Date },
    ours: Map<string, OurDossierRow>,
    unit: { id: string; name: string | undefined } | undefined,
    names: (id: string) => Promise<string | undefined>,
  ): Promise<Found[]> {
    // The portal's period is inclusive to the second; ours ends before the next day.
    const listed = await client.listDossiers({
      from: period.from,
      to: new Date(period.to.getTime() - 1_000),
    });
    const theirs = new Map(
      listed
        .filter((r) => !unit || ours.has(r.MaHoSo) || r.DonViXuLy === unit.name)
        .map((r) => [r.MaHoSo, r]),
    );
    // Listed there, outside our period or unit here: still ours to compare.
    const elsewhere = await dossiersByCode(
      db,
      [...theirs.keys()].filter((code) => !ours.has(code)),
    );
    const found: Found[] = [];
    for (const row of [...ours.values(), ...elsewhere]) {
      const mine = oursOf(row, await names(row.receivingAgencyId));
      let record = theirs.get(row.code);
      theirs.delete(row.code);
      if (!record) {
        try {
          record = await client.lookupDossier(row.code);
        } catch (error) {
          if (!(error instanceof IntegrationError && error.kind === 'not_found')) throw error;
        }
      }
      const base = { target, code: row.code, dossierId: row.id, agencyId: row.receivingAgencyId };
      if (!record) {
        found.push({ ...base, kind: 'missing_there', ours: mine, theirs: null });
        continue;
      }
      const other = theirsOf(record);
      for (const kind of differences(mine, other)) {
        found.push({ ...base, kind, ours: mine, theirs: other });
      }
    }
    for (const record of theirs.values()) {
      found.push({
        target,
        code: record.MaHoSo,
        dossierId: null,
        agencyId: unit?.id ?? null,
        kind: 'missing_here',
        ours: null,
        theirs: theirsOf(record),
      });
    }
    return found;
  }

  async function run(
    request: ReconciliationRequest,
    trigger: 'nightly' | 'manual',
  ): Promise<Reconciliation> {
    const startedAt = deps.clock.now();
    const unitName = request.agencyId ? await deps.agencyName(request.agencyId) : undefined;
    if (request.agencyId && unitName === undefined) {
      throw new AppError('VALIDATION_FAILED', 'Không tìm thấy đơn vị tiếp nhận đã chọn.', {
        issues: [{ path: 'agencyId', message: 'Không tìm thấy đơn vị tiếp nhận đã chọn' }],
      });
    }
    // Vietnam dates (UTC+7, no daylight saving): the period is whole local days.
    const period = {
      from: new Date(`${request.from}T00:00:00+07:00`),
      to: new Date(Date.parse(`${request.to}T00:00:00+07:00`) + 86_400_000),
    };
    const ours = new Map(
      (await dossiersFiledIn(db, period, request.agencyId)).map((r) => [r.code, r]),
    );
    const nameCache = new Map<string, Promise<string | undefined>>();
    const names = (id: string) => {
      let name = nameCache.get(id);
      if (!name) nameCache.set(id, (name = deps.agencyName(id)));
      return name;
    };
    const unit = request.agencyId ? { id: request.agencyId, name: unitName } : undefined;
    const found: Found[] = [];
    const targetErrors: Record<string, string> = {};
    for (const { target, client } of deps.targets) {
      try {
        found.push(...(await compareWith(target, client, period, ours, unit, names)));
      } catch (error) {
        // A system that cannot be read is reported as such; the other is still compared.
        targetErrors[target] = `Không đọc được dữ liệu của ${targetName(target)}: ${
          error instanceof Error ? error.message : String(error)
        }`;
        deps.log.warn({ target, err: error }, 'reconciliation could not read the target');
      }
    }
    const id = await db.transaction(async (tx) => {
      const [saved] = await tx
        .insert(syncReconciliation)
        .values({
          periodFrom: request.from,
          periodTo: request.to,
          agencyId: request.agencyId ?? null,
          trigger,
          startedAt,
          finishedAt: deps.clock.now(),
          dossiers: ours.size,
          targetErrors,
        })
        .returning({ id: syncReconciliation.id });
      const runId = saved!.id;
      if (found.length > 0) {
        await tx.insert(syncMismatch).values(
          found.map((f) => ({
            reconciliationId: runId,
            target: f.target,
            code: f.code,
            dossierId: f.dossierId,
            kind: f.kind,
            ours: f.ours,
            theirs: f.theirs,
          })),
        );
      }
      // Every difference is an error dossier of the day (seed 002).
      await deps.incidents.record(
        tx,
        await Promise.all(
          found.map(async (f) => ({
            source: 'reconciliation' as const,
            kind: f.kind,
            target: f.target,
            code: f.code,
            dossierId: f.dossierId,
            procedureCode: String(f.ours?.MaTTHC ?? f.theirs?.MaTTHC ?? '') || null,
            agencyId: f.agencyId,
            agencyName: f.agencyId ? ((await names(f.agencyId)) ?? null) : null,
            ourStatus: f.ours ? Number(f.ours.TrangThaiHoSo) : null,
            portalStatus: f.theirs ? Number(f.theirs.TrangThaiHoSo) : null,
            portalMessage: describe(f.kind, f.target, f.ours, f.theirs),
            facts: {
              ...(f.ours ? { ours: { MaHoSo: f.code, ...f.ours } } : {}),
              ...(f.theirs ? { theirs: { MaHoSo: f.code, ...f.theirs } } : {}),
            },
            reconciliationId: runId,
          })),
        ),
      );
      return runId;
    });
    deps.log.info(
      { reconciliation: id, dossiers: ours.size, mismatches: found.length, targetErrors },
      'reconciliation done',
    );
    return get(id);
  }

  async function summaryOf(
    row: typeof syncReconciliation.$inferSelect,
    mismatches: Array<{ target: string; kind: string }>,
  ): Promise<ReconciliationSummary> {
    return {
      id: row.id,
      from: row.periodFrom,
      to: row.periodTo,
      agencyId: row.agencyId,
      agencyName: row.agencyId ? ((await deps.agencyName(row.agencyId)) ?? null) : null,
      trigger: row.trigger,
      startedAt: row.startedAt.toISOString(),
      finishedAt: row.finishedAt?.toISOString() ?? null,
      dossiers: row.dossiers,
      targets: deps.targets.map(({ target }) => ({
        target,
        error: row.targetErrors[target] ?? null,
        counts: Object.fromEntries(
          MISMATCH_KINDS.map((kind) => [
            kind,
            mismatches.filter((m) => m.target === target && m.kind === kind).length,
          ]),
        ) as Record<MismatchKind, number>,
      })),
    };
  }

  async function get(id: string): Promise<Reconciliation> {
    const [row] = await db.select().from(syncReconciliation).where(eq(syncReconciliation.id, id));
    if (!row) throw notFound('Không tìm thấy lần đối chiếu này.');
    const mismatches = await db
      .select()
      .from(syncMismatch)
      .where(eq(syncMismatch.reconciliationId, id))
      .orderBy(asc(syncMismatch.kind), asc(syncMismatch.code), asc(syncMismatch.target));
    return {
      ...(await summaryOf(row, mismatches)),
      mismatches: mismatches.map((m): SyncMismatch => ({
        id: m.id,
        target: m.target,
        code: m.code,
        kind: m.kind as MismatchKind,
        ours: m.ours,
        theirs: m.theirs,
        resendable: m.dossierId !== null,
        resentAt: m.resentAt?.toISOString() ?? null,
      })),
    };
  }

  async function list(): Promise<ReconciliationSummary[]> {
    const rows = await db
      .select()
      .from(syncReconciliation)
      .orderBy(desc(syncReconciliation.startedAt))
      .limit(20);
    const result: ReconciliationSummary[] = [];
    for (const row of rows) {
      const mismatches = await db
        .select({ target: syncMismatch.target, kind: syncMismatch.kind })
        .from(syncMismatch)
        .where(eq(syncMismatch.reconciliationId, row.id));
      result.push(await summaryOf(row, mismatches));
    }
    return result;
  }

  /**
   * One click on a mismatch: the dossier goes to that system again. A dossier the system lost gets
   * its whole history again (it has none of it); one it shows differently gets its current record
   * only, so that no progress step appears twice there.
   */
  async function resend(mismatchId: number): Promise<{ requeued: number }> {
    const [m] = await db.select().from(syncMismatch).where(eq(syncMismatch.id, mismatchId));
    if (!m) throw notFound('Không tìm thấy sai lệch này.');
    if (!m.dossierId) {
      throw new AppError(
        'CONFLICT',
        `Hồ sơ ${m.code} không có trên hệ thống một cửa nên không gửi lại được; đề nghị bộ phận hỗ trợ của ${targetName(m.target)} kiểm tra hồ sơ này.`,
      );
    }
    const client = deps.targets.find((t) => t.target === m.target)?.client;
    if (!client) {
      throw new AppError('CONFLICT', `Hệ thống ${m.target} không còn được cấu hình để đồng bộ.`);
    }
    let mode: 'all' | 'record' = m.kind === 'missing_there' ? 'all' : 'record';
    if (mode === 'all') {
      // It may have arrived since the reconciliation: then its history is there already.
      const there = await client.lookupDossier(m.code).then(
        () => true,
        () => false,
      );
      if (there) mode = 'record';
    }
    const dossierId = m.dossierId;
    return db.transaction(async (tx) => {
      const requeued = await deps.requeue(tx, m.target, dossierId, mode);
      await tx
        .update(syncMismatch)
        .set({ resentAt: deps.clock.now() })
        .where(and(eq(syncMismatch.id, mismatchId)));
      return { requeued };
    });
  }

  function table(r: Reconciliation): ExportTable {
    const dmy = (d: string) => d.split('-').reverse().join('/');
    const shown = (v: string | number | null | undefined) =>
      v === null || v === undefined ? '' : String(v);
    return {
      title: 'Kết quả đối chiếu hồ sơ đồng bộ',
      subtitle: `Hồ sơ nộp từ ngày ${dmy(r.from)} đến ngày ${dmy(r.to)} — ${
        r.agencyName ?? 'tất cả đơn vị'
      } — ${r.dossiers} hồ sơ`,
      columns: [
        { key: 'no', header: 'STT', width: 5 },
        { key: 'target', header: 'Hệ thống', width: 24 },
        { key: 'code', header: 'Mã hồ sơ', width: 28 },
        { key: 'kind', header: 'Sai lệch', width: 24 },
        { key: 'oursProcedure', header: 'Mã TTHC (một cửa)', width: 14 },
        { key: 'theirsProcedure', header: 'Mã TTHC (quốc gia)', width: 14 },
        { key: 'oursStatus', header: 'Trạng thái (một cửa)', width: 12 },
        { key: 'theirsStatus', header: 'Trạng thái (quốc gia)', width: 12 },
        { key: 'detail', header: 'Chi tiết', width: 50 },
      ],
      rows: r.mismatches.map((m, index) => ({
        no: index + 1,
        target: targetName(m.target),
        code: m.code,
        kind: MISMATCH_LABELS[m.kind],
        oursProcedure: shown(m.ours?.MaTTHC),
        theirsProcedure: shown(m.theirs?.MaTTHC),
        oursStatus: shown(m.ours?.TrangThaiHoSo),
        theirsStatus: shown(m.theirs?.TrangThaiHoSo),
        detail: describe(m.kind, m.target, m.ours, m.theirs),
      })),
    };
  }

  /** The nightly run: yesterday (Vietnam date), every unit. */
  async function nightly(): Promise<void> {
    const yesterday = vietnamDay(new Date(deps.clock.now().getTime() - 86_400_000));
    await run({ from: yesterday, to: yesterday }, 'nightly');
  }

  return { run, get, list, resend, table, nightly };
}

export type ReconciliationService = ReturnType<typeof createReconciliation>;
