import { z } from 'zod';
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
