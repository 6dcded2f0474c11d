import { readFile } from 'node:fs/promises';
import type {
  RecordReview,
  ReviewAdjustItem,
  ReviewItemList,
  ReviewProgress,
  RunOnReport,
} from '@motcua/contracts';
import { z } from 'zod';
import type { Clock } from '../../../platform/clock.js';
import { AppError, notFound } from '../../../platform/errors.js';
import type { ExportTable } from '../../../platform/exports/table-export.js';
import type { CatalogRepository } from '../catalog.repository.js';

export interface Department {
  id: string;
  name: string;
}

const FieldDepartments = z.object({ fields: z.record(z.string(), z.string().nullable()) });

/** Gives each unowned procedure the department of its field (data/catalog/field-departments.json). */
export async function assignDepartments(
  repo: CatalogRepository,
  file: string,
  departments: Department[],
): Promise<{ assigned: number; unknownDepartments: string[] }> {
  const data = FieldDepartments.parse(JSON.parse(await readFile(file, 'utf8')));
  const byName = new Map(departments.map((d) => [d.name, d.id]));
  const map = new Map<string, string>();
  const unknown = new Set<string>();
  for (const [field, department] of Object.entries(data.fields)) {
    if (department === null) continue;
    const id = byName.get(department);
    if (id === undefined) unknown.add(department);
    else map.set(field, id);
  }
  return { assigned: await repo.assignDepartments(map), unknownDepartments: [...unknown] };
}

const percent = (part: number, whole: number) =>
  whole === 0 ? 0 : Math.round((part / whole) * 10_000) / 100;

export async function runOnReport(
  repo: CatalogRepository,
  departments: Department[],
): Promise<RunOnReport> {
  const counts = new Map((await repo.runOnByAgency()).map((r) => [r.agencyId, r]));
  const rows = departments.map((d) => {
    const c = counts.get(d.id);
    const onMinistry = c?.onMinistry ?? 0;
    const onProvince = c?.onProvince ?? 0;
    return {
      department: d.name,
      onMinistry,
      onProvince,
      ministryPercent: percent(onMinistry, onMinistry + onProvince),
    };
  });
  return {
    rows,
    total: {
      onMinistry: rows.reduce((n, r) => n + r.onMinistry, 0),
      onProvince: rows.reduce((n, r) => n + r.onProvince, 0),
    },
  };
}

export async function reviewProgress(
  repo: CatalogRepository,
  departments: Department[],
  batchId: number,
): Promise<ReviewProgress> {
  const batch = (await repo.listReviewBatches()).find((b) => b.id === batchId);
  if (!batch) throw notFound(`Không tìm thấy đợt rà soát số ${batchId}.`);
  const counts = new Map((await repo.reviewProgress(batchId)).map((r) => [r.departmentId, r]));
  const rows = departments.map((d) => {
    const c = counts.get(d.id);
    const total = c?.total ?? 0;
    const adjust = c?.adjust ?? 0;
    const noAdjust = c?.noAdjust ?? 0;
    return {
      department: d.name,
      total,
      adjust,
      noAdjust,
      reviewed: adjust + noAdjust,
      remaining: total - adjust - noAdjust,
    };
  });
  const sum = (key: 'total' | 'adjust' | 'noAdjust' | 'reviewed' | 'remaining') =>
    rows.reduce((n, r) => n + r[key], 0);
  return {
    batch: {
      ...batch,
      openedAt: batch.openedAt.toISOString(),
      closedAt: batch.closedAt?.toISOString() ?? null,
    },
    rows,
    total: {
      total: sum('total'),
      adjust: sum('adjust'),
      noAdjust: sum('noAdjust'),
      reviewed: sum('reviewed'),
      remaining: sum('remaining'),
    },
  };
}

export async function recordReview(
  repo: CatalogRepository,
  clock: Clock,
  batchId: number,
  code: string,
  review: RecordReview,
): Promise<void> {
  const batch = (await repo.listReviewBatches()).find((b) => b.id === batchId);
  if (!batch) throw notFound(`Không tìm thấy đợt rà soát số ${batchId}.`);
  if (batch.closedAt !== null) {
    throw new AppError(
      'CONFLICT',
      `Đợt rà soát "${batch.name}" đã kết thúc, không ghi thêm kết quả.`,
    );
  }
  const found = await repo.recordReview(batchId, code, {
    outcome: review.outcome,
    adjustItems: review.outcome === 'adjust' ? review.adjustItems : [],
    note: review.note,
    reviewedAt: clock.now(),
  });
  if (!found) throw notFound(`Thủ tục ${code} không thuộc đợt rà soát số ${batchId}.`);
}

export async function listReviewItems(
  repo: CatalogRepository,
  departments: Department[],
  batchId: number,
  filter: { departmentId?: string | undefined; pending?: boolean | undefined },
): Promise<ReviewItemList> {
  const names = new Map(departments.map((d) => [d.id, d.name]));
  const rows = await repo.listReviewItems(batchId, filter);
  return {
    total: rows.length,
    items: rows.map(({ item, procedureName }) => ({
      procedureCode: item.procedureCode,
      procedureName,
      departmentId: item.departmentId,
      department: names.get(item.departmentId) ?? '',
      outcome: item.outcome as 'adjust' | 'no_adjust' | null,
      adjustItems: item.adjustItems as ReviewAdjustItem[],
      note: item.note,
      reviewedAt: item.reviewedAt?.toISOString() ?? null,
    })),
  };
}

/** The two seed-000 tables in the shape the XLSX/PDF writers take, with the letter's headings. */
export function runOnTable(report: RunOnReport, provinceName: string): ExportTable {
  return {
    title: 'Triển khai Hệ thống thông tin giải quyết TTHC tập trung của bộ, ngành',
    subtitle: provinceName,
    columns: [
      { key: 'no', header: 'TT', width: 6, align: 'center' },
      { key: 'department', header: 'Đơn vị', width: 40 },
      { key: 'onMinistry', header: 'Hệ thống bộ', width: 14, align: 'right' },
      { key: 'onProvince', header: 'Hệ thống tỉnh', width: 14, align: 'right' },
      { key: 'percent', header: 'Tỷ lệ', width: 12, align: 'right' },
    ],
    rows: report.rows.map((r, i) => ({
      no: i + 1,
      department: r.department,
      onMinistry: r.onMinistry,
      onProvince: r.onProvince,
      percent: `${r.ministryPercent.toLocaleString('vi-VN')}%`,
    })),
    footer: {
      no: '',
      department: 'Tổng',
      onMinistry: report.total.onMinistry,
      onProvince: report.total.onProvince,
      percent: '',
    },
  };
}

export function reviewProgressTable(progress: ReviewProgress, provinceName: string): ExportTable {
  return {
    title: `Kết quả rà soát TTHC/DVC — ${progress.batch.name}`,
    subtitle: provinceName,
    headerGroups: [
      { header: '', span: 2 },
      { header: `Kết quả rà soát ${progress.batch.name}`, span: 3 },
      { header: '', span: 1 },
    ],
    columns: [
      { key: 'department', header: 'Đơn vị', width: 40 },
      { key: 'total', header: 'Tổng TTHC', width: 12, align: 'right' },
      { key: 'adjust', header: 'Rà soát - ĐC', width: 14, align: 'right' },
      { key: 'noAdjust', header: 'Rà soát - KĐC', width: 14, align: 'right' },
      { key: 'reviewed', header: 'Tổng', width: 10, align: 'right' },
      { key: 'remaining', header: 'Đợt còn lại', width: 12, align: 'right' },
    ],
    rows: progress.rows.map((r) => ({ ...r })),
    footer: { department: 'Tổng', ...progress.total },
  };
}
