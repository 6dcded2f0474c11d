import { AppError } from '../../../platform/errors.js';
import type { ActionKind } from '../dossier.js';
import type { FormKind } from './legal-forms.js';

/**
 * Each form records something that happened, so it exists only once that happened (TT 03/2025
 * Art. 7 and its forms): the receipt and the control sheet after receipt, the supplement request
 * after one was made, the refusal slip after a refusal, the apology after an extension, the stop
 * notice after the dossier was stopped or withdrawn.
 */
const ISSUED_AFTER: Record<FormKind, { kinds: ActionKind[]; missing: string }> = {
  receipt: { kinds: ['receive'], missing: 'hồ sơ chưa được tiếp nhận' },
  supplement: { kinds: ['request_supplement'], missing: 'hồ sơ chưa có yêu cầu bổ sung' },
  refusal: { kinds: ['refuse'], missing: 'hồ sơ không bị từ chối tiếp nhận' },
  apology: { kinds: ['extend'], missing: 'hồ sơ chưa được gia hạn' },
  stop: { kinds: ['stop', 'withdraw'], missing: 'hồ sơ không bị dừng giải quyết hoặc rút' },
  control: { kinds: ['receive'], missing: 'hồ sơ chưa được tiếp nhận' },
};

const FORM_NAMES: Record<FormKind, string> = {
  receipt: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả (mẫu 01)',
  supplement: 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (mẫu 02)',
  refusal: 'Phiếu từ chối tiếp nhận giải quyết hồ sơ (mẫu 03)',
  apology: 'Phiếu xin lỗi và đề nghị gia hạn (mẫu 04)',
  stop: 'Thông báo dừng giải quyết hồ sơ (mẫu 05)',
  control: 'Phiếu kiểm soát quá trình giải quyết hồ sơ (mẫu 06)',
};

/** The forms a dossier with this log has (in the order of the law's numbering). */
export function issuableForms(log: ReadonlyArray<{ kind: string }>): FormKind[] {
  const happened = new Set(log.map((a) => a.kind));
  return (Object.keys(ISSUED_AFTER) as FormKind[]).filter((kind) =>
    ISSUED_AFTER[kind].kinds.some((k) => happened.has(k)),
  );
}

export function requireIssuable(kind: FormKind, log: ReadonlyArray<{ kind: string }>): void {
  if (!issuableForms(log).includes(kind)) {
    throw new AppError(
      'CONFLICT',
      `Chưa thể in ${FORM_NAMES[kind]}: ${ISSUED_AFTER[kind].missing}.`,
    );
  }
}
