/**
 * A processing workflow (quy trình nội bộ) of a procedure: ordered steps, each done by a role in a
 * unit within a number of working hours, with optional parallel consultation of other units and
 * an inter-agency transfer (liên thông) to another agency's own steps. Pure definitions and the
 * checks the editor runs; storage and versions live in the repository.
 */
import { z } from 'zod';

export const STEP_KINDS = [
  'receive',
  'assign',
  'appraise',
  'consult',
  'approve',
  'sign',
  'return',
  'other',
] as const;

export const ProcessRole = z.enum([
  'receiving_officer',
  'specialist',
  'unit_leader',
  'agency_leader',
]);

const hours = z
  .number({ message: 'Thời gian của bước phải là số giờ làm việc' })
  .positive({ message: 'Thời gian của bước phải lớn hơn 0 giờ làm việc' })
  .max(24 * 8 * 30, { message: 'Thời gian của bước quá dài' });

export const ProcessStep = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]*$/, { message: 'Mã bước chỉ gồm chữ thường, số và _' }),
  name: z.string().trim().min(2, { message: 'Tên bước quá ngắn' }).max(200),
  kind: z.enum(STEP_KINDS),
  role: ProcessRole,
  /** The unit that acts; null = the unit the dossier is assigned to. */
  unitId: z.uuid().nullable(),
  hours,
  /** Units consulted in parallel during this step; their time runs inside the step's own. */
  consult: z.array(z.object({ unitId: z.uuid(), hours })).default([]),
  /** Set on a step that hands the dossier to another agency (liên thông). */
  transfer: z
    .object({
      agencyId: z.uuid(),
      steps: z.array(z.lazy((): z.ZodType => ProcessStep)).min(1),
    })
    .nullable()
    .default(null),
});
export type ProcessStep = z.infer<typeof ProcessStep>;

export const ProcessDefinition = z.object({
  procedureCode: z.string(),
  name: z.string().trim().min(2).max(200),
  steps: z.array(ProcessStep).min(1, { message: 'Quy trình phải có ít nhất một bước' }),
});
export type ProcessDefinition = z.infer<typeof ProcessDefinition>;

export interface ProcessIssue {
  path: string;
  message: string;
}

/** Working hours a list of steps takes end to end (a transfer's steps run inside its step). */
export function totalHours(steps: ProcessStep[]): number {
  return steps.reduce((sum, s) => sum + s.hours, 0);
}

/**
 * What the editor refuses. The citizen sees one clock for the whole dossier, transfers included,
 * so the steps must fit the procedure's legal processing time (NĐ 118/2025: the time limit is the
 * procedure's; inter-agency steps are inside it, domain.md §1.5).
 */
export function validateProcess(
  process: ProcessDefinition,
  legalWorkingHours: number,
): ProcessIssue[] {
  const issues: ProcessIssue[] = [];
  const check = (steps: ProcessStep[], at: string, budget: number) => {
    const keys = new Set<string>();
    steps.forEach((step, i) => {
      const path = `${at}[${i}]`;
      if (keys.has(step.key)) issues.push({ path, message: `Mã bước "${step.key}" bị trùng` });
      keys.add(step.key);
      for (const [j, c] of step.consult.entries()) {
        if (c.hours > step.hours) {
          issues.push({
            path: `${path}.consult[${j}]`,
            message: `Thời gian xin ý kiến (${c.hours} giờ) vượt thời gian của bước "${step.name}" (${step.hours} giờ)`,
          });
        }
      }
      if (step.transfer) {
        check(step.transfer.steps as ProcessStep[], `${path}.transfer.steps`, step.hours);
      }
    });
    const total = totalHours(steps);
    if (total > budget) {
      issues.push({
        path: at,
        message: `Tổng thời gian các bước (${total} giờ làm việc) vượt thời hạn giải quyết (${budget} giờ làm việc)`,
      });
    }
  };
  check(process.steps, 'steps', legalWorkingHours);
  const first = process.steps[0];
  if (first && first.kind !== 'receive') {
    issues.push({ path: 'steps[0]', message: 'Bước đầu tiên phải là tiếp nhận hồ sơ' });
  }
  const last = process.steps.at(-1);
  if (last && last.kind !== 'return') {
    issues.push({
      path: `steps[${process.steps.length - 1}]`,
      message: 'Bước cuối cùng phải là trả kết quả',
    });
  }
  return issues;
}
