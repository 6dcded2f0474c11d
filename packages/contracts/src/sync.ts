import { z } from 'zod';
import { IsoDate } from './calendar.js';
import { DossierLookupQuery } from './dossiers.js';

/** The national systems dossiers are synced to (issue 16). */
export const SyncTargetName = z.enum(['dvcqg', 'dieu-phoi']);
export type SyncTargetName = z.infer<typeof SyncTargetName>;

/** GET /api/admin/sync/summary (a contract of issue 16: keep it stable). */
export const SyncTargetSummary = z.object({
  target: z.string(),
  acknowledged: z.number().int(),
  pending: z.number().int(),
  failed: z.number().int(),
  deadLetter: z.number().int(),
  lagP95Seconds: z.number(),
});
export const SyncSummary = z.object({ targets: z.array(SyncTargetSummary) });
export type SyncSummary = z.infer<typeof SyncSummary>;

/** GET /api/admin/sync/problems: dossiers waiting after a failure, or refused (dead letters). */
export const SyncProblem = z.object({
  code: z.string(),
  target: z.string(),
  /** `retrying`: waits for its next attempt; `dead`: refused, waits for a resend. */
  state: z.enum(['retrying', 'dead']),
  events: z.number().int(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  lastSentAt: z.string().nullable(),
});
export type SyncProblem = z.infer<typeof SyncProblem>;
export const SyncProblems = z.object({ items: z.array(SyncProblem) });
export type SyncProblems = z.infer<typeof SyncProblems>;

/** POST /api/admin/sync/resend: one dossier by code, or every failed one. */
export const ResendRequest = z
  .object({ code: DossierLookupQuery.shape.code.optional() })
  .default({});
export const ResendResult = z.object({ requeued: z.number().int() });
export type ResendResult = z.infer<typeof ResendResult>;

/** GET /api/dossiers/{code}/sync (a contract of issue 16: keep it stable). */
export const DossierSync = z.object({
  code: z.string(),
  targets: z.array(
    z.object({
      target: z.string(),
      ourStatus: z.string(),
      /** What the portal answers to TraCuuHoSo now (status 1–10), null when it does not know it. */
      portalStatus: z.string().nullable(),
      lastSentAt: z.string().nullable(),
      lastAcknowledgedAt: z.string().nullable(),
      lastError: z.string().nullable(),
    }),
  ),
});
export type DossierSync = z.infer<typeof DossierSync>;

// ---- cross-system reconciliation (đối chiếu) and error dossiers (hồ sơ lỗi), seed 002 ---------

/**
 * What differs between us and a national system: a dossier it does not have, one it has and we
 * do not, or one whose status, TTHC code or dates differ.
 */
export const MismatchKind = z.enum([
  'missing_there',
  'missing_here',
  'status_differs',
  'procedure_differs',
  'dates_differ',
]);
export type MismatchKind = z.infer<typeof MismatchKind>;
export const MISMATCH_KINDS = MismatchKind.options;

/** Longest period one reconciliation covers: a quarter, as the periodic reports do. */
export const MAX_RECONCILIATION_DAYS = 92;
const dayNumber = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;

/** POST /api/admin/sync/reconciliations: dossiers filed from/to (Vietnam dates), one unit or all. */
export const ReconciliationRequest = z
  .object({
    from: IsoDate,
    to: IsoDate,
    /** The receiving agency (đơn vị tiếp nhận); absent = every unit. */
    agencyId: z.uuid({ message: 'Mã đơn vị không hợp lệ' }).optional(),
  })
  .refine((r) => r.from <= r.to, {
    message: 'Ngày bắt đầu phải trước hoặc trùng ngày kết thúc',
    path: ['to'],
  })
  .refine((r) => dayNumber(r.to) - dayNumber(r.from) < MAX_RECONCILIATION_DAYS, {
    message: `Mỗi lần đối chiếu tối đa ${MAX_RECONCILIATION_DAYS} ngày`,
    path: ['to'],
  });
export type ReconciliationRequest = z.infer<typeof ReconciliationRequest>;

const Compared = z.record(z.string(), z.union([z.string(), z.number(), z.null()]));

export const SyncMismatch = z.object({
  id: z.number().int(),
  target: z.string(),
  code: z.string(),
  kind: MismatchKind,
  /** The compared fields (MaTTHC, TrangThaiHoSo, NgayNopHoSo …), ours and theirs; null if absent. */
  ours: Compared.nullable(),
  theirs: Compared.nullable(),
  /** A dossier the portal has and we do not cannot be resent from here. */
  resendable: z.boolean(),
  resentAt: z.string().nullable(),
});
export type SyncMismatch = z.infer<typeof SyncMismatch>;

export const ReconciliationTarget = z.object({
  target: z.string(),
  /** Why this system could not be read (then it has no mismatches); null when it was. */
  error: z.string().nullable(),
  counts: z.record(MismatchKind, z.number().int()),
});

export const ReconciliationSummary = z.object({
  id: z.uuid(),
  from: z.string(),
  to: z.string(),
  agencyId: z.string().nullable(),
  agencyName: z.string().nullable(),
  trigger: z.enum(['nightly', 'manual']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  /** Our dossiers filed in the period (and unit). */
  dossiers: z.number().int(),
  targets: z.array(ReconciliationTarget),
});
export type ReconciliationSummary = z.infer<typeof ReconciliationSummary>;
export const Reconciliation = ReconciliationSummary.extend({ mismatches: z.array(SyncMismatch) });
export type Reconciliation = z.infer<typeof Reconciliation>;
export const ReconciliationList = z.object({ items: z.array(ReconciliationSummary) });
export type ReconciliationList = z.infer<typeof ReconciliationList>;

export const IncidentSource = z.enum(['dead_letter', 'payload', 'reconciliation']);
export type IncidentSource = z.infer<typeof IncidentSource>;

/** An error dossier (hồ sơ lỗi), with the fields the help desk asks for (seed 002). */
export const SyncIncident = z.object({
  id: z.uuid(),
  /** The day it arose (Vietnam date): reported the same day. */
  day: z.string(),
  aroseAt: z.string(),
  source: IncidentSource,
  /** `dead_letter`, `payload` or a mismatch kind. */
  kind: z.string(),
  target: z.string(),
  code: z.string(),
  procedureCode: z.string().nullable(),
  agencyId: z.string().nullable(),
  agencyName: z.string().nullable(),
  ourStatus: z.string().nullable(),
  portalStatus: z.string().nullable(),
  portalMessage: z.string(),
});
export type SyncIncident = z.infer<typeof SyncIncident>;
export const SyncIncidents = z.object({ items: z.array(SyncIncident) });
export type SyncIncidents = z.infer<typeof SyncIncidents>;

/** GET /api/admin/sync/incidents: a period (default today) and optionally one unit. */
export const IncidentQuery = z
  .object({
    from: IsoDate.optional(),
    to: IsoDate.optional(),
    agencyId: z.uuid({ message: 'Mã đơn vị không hợp lệ' }).optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: 'Ngày bắt đầu phải trước hoặc trùng ngày kết thúc',
    path: ['to'],
  });
export type IncidentQuery = z.infer<typeof IncidentQuery>;
