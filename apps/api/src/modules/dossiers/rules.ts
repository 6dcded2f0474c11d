import { PaymentRule, type ProcedureDetail } from '@motcua/contracts';
import { z } from 'zod';
import { intakeCutoffOf, legalPeriodOf } from '../catalog/index.js';
import type { DeadlinePeriod, IntakeCutoff, ResumeMode } from '../calendar/index.js';
import { LEGACY_PAYMENT, type Channel } from './dossier.js';

/**
 * The procedure's rules a dossier is decided by, fixed when it is filed: the legal time of its
 * channel, the intake cut-off, what a supplement does to the clock and how long the applicant has
 * to supplement. A procedure's later version (or the province's later confirmation of its time)
 * governs dossiers filed after it, never the open ones (issue 14: a dossier is decided under the
 * rules in force when it was filed). Kept in the first action's payload, so the log alone
 * rebuilds the dossier.
 */
export const PinnedRules = z.object({
  procedureVersion: z.number().int(),
  period: z
    .object({
      amount: z.number(),
      unit: z.enum(['working_days', 'working_hours', 'calendar_days']),
    })
    .nullable(),
  cutoffAfterMinutes: z.number().int().nullable(),
  resumeMode: z.enum(['continue', 'restart']),
  /** Working days to supplement before the dossier is closed (null: the system default). */
  supplementDays: z.number().int().nullable(),
  /**
   * When fees are asked for, the clock meanwhile, the filing date from the payment (issue 17;
   * the procedure's local configuration). Absent for dossiers filed before it was pinned: they
   * keep the rule they were folded under then (LEGACY_PAYMENT, dossier.ts).
   */
  payment: PaymentRule.optional(),
});
export type PinnedRules = z.infer<typeof PinnedRules>;

export function pinRules(detail: ProcedureDetail, channel: Channel): PinnedRules {
  const cutoff = intakeCutoffOf(detail);
  return {
    procedureVersion: detail.version.number,
    period: legalPeriodOf(detail, channel),
    cutoffAfterMinutes: cutoff?.afterTime ?? null,
    // Continue the remaining time after a supplement unless the procedure restarts it
    // (per procedure, domain.md §9: "tiếp tục" or "tính lại từ đầu").
    resumeMode: detail.local.processingTime?.afterSupplement ?? 'continue',
    supplementDays: detail.local.processingTime?.supplementDays ?? null,
    payment: detail.local.payment,
  };
}

/** The payment rule a dossier is decided by (its pinned one, else the legacy one). */
export const paymentRuleOf = (rules: Pick<PinnedRules, 'payment'>): PaymentRule =>
  rules.payment ?? LEGACY_PAYMENT;

/** The rules a first action pinned; undefined for dossiers filed before rules were pinned. */
export function pinnedRulesOf(firstPayload: unknown): PinnedRules | undefined {
  const rules = (firstPayload as { rules?: unknown } | null)?.rules;
  const parsed = PinnedRules.safeParse(rules);
  return parsed.success ? parsed.data : undefined;
}

export function contextRules(rules: PinnedRules): {
  period: DeadlinePeriod | null;
  cutoff?: IntakeCutoff;
  resumeMode: ResumeMode;
  payment: PaymentRule;
} {
  return {
    payment: paymentRuleOf(rules),
    period: rules.period,
    ...(rules.cutoffAfterMinutes !== null
      ? { cutoff: { afterTime: rules.cutoffAfterMinutes } }
      : {}),
    resumeMode: rules.resumeMode,
  };
}
