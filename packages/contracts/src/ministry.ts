import { z } from 'zod';

/**
 * Ministries' centralized systems the province reads dossiers from (issue 16 item 5, seed 004).
 * `btp`: Bộ Tư pháp's civil-status system; `bca`: Bộ Công an's. Which systems exist and their
 * share APIs are giả định, cần xác nhận (apps/api/src/integrations/ministry/contract.ts).
 */
export const MinistrySource = z.enum(['btp', 'bca']);
export type MinistrySource = z.infer<typeof MinistrySource>;

export const MINISTRY_NAMES: Record<MinistrySource, { ministry: string; system: string }> = {
  btp: { ministry: 'Bộ Tư pháp', system: 'Hệ thống thông tin đăng ký và quản lý hộ tịch' },
  bca: { ministry: 'Bộ Công an', system: 'Hệ thống giải quyết thủ tục hành chính Bộ Công an' },
};

/** GET /api/officer/ministry-dossiers: read-only, as the ministry's system reported them. */
export const MinistryDossierQuery = z.object({
  source: MinistrySource.optional(),
  /** TrangThaiHoSo, the 10 DVCQG codes. */
  status: z.coerce
    .number({ message: 'Trạng thái là số từ 1 đến 10' })
    .int({ message: 'Trạng thái là số từ 1 đến 10' })
    .min(1, { message: 'Trạng thái là số từ 1 đến 10' })
    .max(10, { message: 'Trạng thái là số từ 1 đến 10' })
    .optional(),
  /** Our agency's id, or its electronic ID (e.g. 000.00.145.H75). */
  agency: z.string().trim().max(100).optional(),
  /** Past the due date: still open, or settled late. */
  overdue: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});
export type MinistryDossierQuery = z.infer<typeof MinistryDossierQuery>;

export const MinistryDossierItem = z.object({
  code: z.string(),
  source: MinistrySource,
  sourceName: z.string(),
  procedureCode: z.string(),
  procedureName: z.string(),
  agencyCode: z.string().nullable(),
  agencyName: z.string().nullable(),
  /** Our agency with that electronic ID, when there is one. */
  agencyId: z.string().nullable(),
  applicantName: z.string().nullable(),
  statusCode: z.number().int(),
  statusLabel: z.string(),
  /** 1 trực tiếp, 2 trực tuyến, 3 bưu chính. */
  channel: z.number().int().nullable(),
  filedAt: z.string(),
  receivedAt: z.string().nullable(),
  dueAt: z.string().nullable(),
  resultAt: z.string().nullable(),
  returnedAt: z.string().nullable(),
  overdue: z.boolean(),
  changedAt: z.string(),
  ingestedAt: z.string(),
});
export type MinistryDossierItem = z.infer<typeof MinistryDossierItem>;

export const MinistryDossierList = z.object({
  total: z.number().int(),
  items: z.array(MinistryDossierItem),
});
export type MinistryDossierList = z.infer<typeof MinistryDossierList>;

/** POST /api/admin/ministry-ingest/run: one pull of every configured system, now. */
export const MinistryIngestRunResult = z.object({
  sources: z.array(
    z.object({
      source: MinistrySource,
      ok: z.boolean(),
      pages: z.number().int(),
      received: z.number().int(),
      /** Rows inserted or changed; a row served again unchanged counts nowhere. */
      upserted: z.number().int(),
      rejected: z.number().int(),
      /** In Vietnamese, when the pull stopped early (what was read before it stays). */
      error: z.string().nullable(),
    }),
  ),
});
export type MinistryIngestRunResult = z.infer<typeof MinistryIngestRunResult>;

/** GET /api/admin/ministry-ingest/summary: counts by source, for reports. */
export const MinistryIngestSummary = z.object({
  sources: z.array(
    z.object({
      source: MinistrySource,
      sourceName: z.string(),
      total: z.number().int(),
      open: z.number().int(),
      settled: z.number().int(),
      overdue: z.number().int(),
      byStatus: z.record(z.string(), z.number().int()),
      lastRunAt: z.string().nullable(),
      lastSuccessAt: z.string().nullable(),
      lastError: z.string().nullable(),
      watermark: z.string().nullable(),
    }),
  ),
});
export type MinistryIngestSummary = z.infer<typeof MinistryIngestSummary>;
