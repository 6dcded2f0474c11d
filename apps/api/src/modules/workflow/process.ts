/**
 * The checks the process editor runs (issue 6, item 4). Definitions live in the contracts; storage
 * and versions in the repository. Pure: the references (unit codes, agency IDs) come in as sets.
 */
import type { ProcessDefinition, ProcessIssue, ProcessStep, TransferStep } from '@motcua/contracts';

export { ProcessDefinition, ProcessStep } from '@motcua/contracts';
export type { ProcessIssue } from '@motcua/contracts';

type AnyStep = ProcessStep | TransferStep;

/** Working hours a list of steps takes end to end (a transfer's steps run inside its step). */
export function totalHours(steps: readonly AnyStep[]): number {
  return steps.reduce((sum, s) => sum + s.hours, 0);
}

/** What the process refers to and must exist: unit codes and agencies' electronic IDs. */
export interface KnownReferences {
  /** null = not checked (a province default names codes each ward may or may not have). */
  unitCodes: ReadonlySet<string> | null;
  agencyElectronicIds: ReadonlySet<string>;
}

/**
 * What the editor refuses. The citizen sees one clock for the whole dossier, transfers included,
 * so the steps must fit the procedure's legal processing time (NĐ 118/2025: the time limit is the
 * procedure's; inter-agency steps run inside it, domain.md §1.5). `legalWorkingHours` null = the
 * catalogue states no time: nothing can be checked, so nothing may be published.
 */
export function validateProcess(
  process: ProcessDefinition,
  legalWorkingHours: number | null,
  known?: KnownReferences,
): ProcessIssue[] {
  const issues: ProcessIssue[] = [];
  const unit = (code: string | null, path: string) => {
    if (code !== null && known?.unitCodes && !known.unitCodes.has(code)) {
      issues.push({ path, message: `Không có phòng, đơn vị mã "${code}"` });
    }
  };
  const check = (steps: readonly AnyStep[], at: string, budget: number | null) => {
    const keys = new Set<string>();
    steps.forEach((step, i) => {
      const path = `${at}[${i}]`;
      if (keys.has(step.key)) issues.push({ path, message: `Mã bước "${step.key}" bị trùng` });
      keys.add(step.key);
      unit(step.unitCode, `${path}.unitCode`);
      for (const [j, c] of step.consult.entries()) {
        unit(c.unitCode, `${path}.consult[${j}].unitCode`);
        if (c.hours > step.hours) {
          issues.push({
            path: `${path}.consult[${j}]`,
            message: `Thời gian xin ý kiến (${c.hours} giờ) vượt thời gian của bước "${step.name}" (${step.hours} giờ)`,
          });
        }
      }
      const transfer = 'transfer' in step ? step.transfer : null;
      if (transfer) {
        if (known && !known.agencyElectronicIds.has(transfer.agencyElectronicId)) {
          issues.push({
            path: `${path}.transfer.agencyElectronicId`,
            message: `Không có cơ quan mã định danh "${transfer.agencyElectronicId}"`,
          });
        }
        check(transfer.steps, `${path}.transfer.steps`, step.hours);
      }
    });
    const total = totalHours(steps);
    if (budget !== null && total > budget) {
      issues.push({
        path: at,
        message: `Tổng thời gian các bước (${total} giờ làm việc) vượt thời hạn giải quyết (${budget} giờ làm việc)`,
      });
    }
  };
  check(process.steps, 'steps', legalWorkingHours);
  if (legalWorkingHours === null) {
    issues.push({
      path: 'steps',
      message:
        'Thủ tục chưa có thời hạn giải quyết xác định; cần cấu hình thời hạn trước khi ban hành quy trình',
    });
  }
  const first = process.steps[0];
  if (first && first.kind !== 'receive') {
    issues.push({ path: 'steps[0]', message: 'Bước đầu tiên phải là tiếp nhận hồ sơ' });
  }
  // A paying step asks for the fee when a dossier is forwarded into it; no dossier is forwarded
  // into the first step (it starts there), so a fee due at filing is the procedure's payment
  // rule (on filing), not the step's.
  if (first?.requiresPayment) {
    issues.push({
      path: 'steps[0].requiresPayment',
      message:
        'Bước tiếp nhận không thể thu phí trước bước; để thu phí khi nộp hồ sơ, cấu hình thời điểm nộp phí của thủ tục là "khi nộp hồ sơ"',
    });
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

/** A step by key, at the top level or inside a transfer (keys are unique per level). */
export function findStep(
  process: ProcessDefinition,
  key: string,
): { step: AnyStep; transferOf: ProcessStep | null } | null {
  for (const step of process.steps) {
    if (step.key === key) return { step, transferOf: null };
    const inner = step.transfer?.steps.find((s) => s.key === key);
    if (inner) return { step: inner, transferOf: step };
  }
  return null;
}

/** The step after `key` in the order of the process (into and out of a transfer). */
export function nextStep(process: ProcessDefinition, key: string | null): AnyStep | null {
  const flat: AnyStep[] = process.steps.flatMap((s) => [s, ...(s.transfer?.steps ?? [])]);
  if (key === null) return flat[0] ?? null;
  const i = flat.findIndex((s) => s.key === key);
  return i >= 0 ? (flat[i + 1] ?? null) : null;
}
