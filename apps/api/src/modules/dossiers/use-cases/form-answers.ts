import { validateEform, vietnamToday, type ProcedureDetail } from '@motcua/contracts';
import { AppError } from '../../../platform/errors.js';

/**
 * The e-form answers of a filing, checked against the procedure's e-form with the same function
 * the browser uses, so the server refuses exactly what the form would have flagged.
 *
 * Online, the e-form is the declaration (tờ khai) itself and is always checked. At the counter or
 * by post the applicant hands in the paper declaration, which the officer receives as a
 * component; the e-form is then checked only when the officer typed its answers in (NĐ 118/2025
 * Art. 17.1: the receiving officer checks the dossier as handed in, not a form it does not have).
 */
export function assertFormAnswers(
  detail: Pick<ProcedureDetail, 'local'>,
  formData: Record<string, unknown>,
  options: { paperDeclaration: boolean; now: Date },
): void {
  const schema = detail.local.eform;
  if (!schema) return;
  if (options.paperDeclaration && Object.keys(formData).length === 0) return;
  let issues;
  try {
    issues = validateEform(schema, formData, { today: vietnamToday(options.now) });
  } catch (cause) {
    // The e-form is data the province edits: one that does not compile (a bad pattern, a $ref
    // to nothing) is the province's to fix, and the applicant is told where else to file.
    throw new AppError(
      'CONFLICT',
      'Tờ khai điện tử của thủ tục này đang lỗi cấu hình nên chưa kiểm tra được thông tin. Vui lòng báo bộ phận một cửa hoặc nộp hồ sơ trực tiếp.',
      { cause },
    );
  }
  if (issues.length === 0) return;
  throw new AppError(
    'VALIDATION_FAILED',
    issues.length === 1 ? issues[0]!.message : `Có ${issues.length} thông tin chưa hợp lệ.`,
    { issues: issues.map((i) => ({ path: `formData.${i.path}`, message: i.message })) },
  );
}
