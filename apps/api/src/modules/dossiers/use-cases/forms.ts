import { AppError, notFound } from '../../../platform/errors.js';
import type { ActionKind } from '../dossier.js';
import type { ActionRow, DossierRow } from '../dossiers.repository.js';
import { formDataFor } from '../forms/form-data.js';
import {
  readFormTemplates,
  renderForm,
  type FormKind,
  type FormTemplates,
} from '../forms/legal-forms.js';
import type { DossiersKit } from './kit.js';

/**
 * Each form records something that happened, so it exists only once that happened (TT 03/2025
 * Art. 7 and its forms): the receipt and the control sheet after receipt, the supplement request
 * after one was made, the refusal slip after a refusal, the apology after an extension, the stop
 * notice after the dossier was stopped or withdrawn.
 */
const ISSUED_AFTER: Record<FormKind, { kinds: ActionKind[]; missing: string }> = {
  receipt: { kinds: ['receive'], missing: 'hồ sơ chưa được tiếp nhận' },
  control: { kinds: ['receive'], missing: 'hồ sơ chưa được tiếp nhận' },
  supplement: { kinds: ['request_supplement'], missing: 'hồ sơ chưa có yêu cầu bổ sung' },
  refusal: { kinds: ['refuse'], missing: 'hồ sơ không bị từ chối tiếp nhận' },
  apology: { kinds: ['extend'], missing: 'hồ sơ chưa được gia hạn' },
  stop: { kinds: ['stop', 'withdraw'], missing: 'hồ sơ không bị dừng giải quyết hoặc rút' },
};

const FORM_NAMES: Record<FormKind, string> = {
  receipt: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả (mẫu 01)',
  supplement: 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (mẫu 02)',
  refusal: 'Phiếu từ chối tiếp nhận giải quyết hồ sơ (mẫu 03)',
  apology: 'Phiếu xin lỗi và đề nghị gia hạn (mẫu 04)',
  stop: 'Thông báo dừng giải quyết hồ sơ (mẫu 05)',
  control: 'Phiếu kiểm soát quá trình giải quyết hồ sơ (mẫu 06)',
};

function requireIssuable(kind: FormKind, actions: ActionRow[]): void {
  const rule = ISSUED_AFTER[kind];
  if (!actions.some((a) => rule.kinds.includes(a.kind as ActionKind))) {
    throw new AppError('CONFLICT', `Chưa thể in ${FORM_NAMES[kind]}: ${rule.missing}.`);
  }
}

/** The TT 03/2025 forms of a dossier; the templates are read once, on the first form asked. */
export function createForms(kit: DossiersKit) {
  const { deps, repo } = kit;
  let templates: Promise<FormTemplates> | undefined;

  /** A form of TT 03/2025 for this dossier, filled from its row, procedure and log. */
  async function form(row: DossierRow, kind: FormKind): Promise<Buffer> {
    templates ??= readFormTemplates(deps.formTemplatesFile);
    const [{ detail, ctx, rules }, actions, receiving, place, process] = await Promise.all([
      kit.contextFor(row),
      repo.listActions(deps.db, row.id),
      deps.findAgency(row.receivingAgencyId),
      deps.placeName(),
      kit.processOf(row.processId),
    ]);
    requireIssuable(kind, actions);
    const stepNames = new Map(
      (process?.definition.steps ?? [])
        .flatMap((s) => [s, ...(s.transfer?.steps ?? [])])
        .map((s) => [s.key, s.name]),
    );
    const parent = receiving?.parentId ? await deps.findAgency(receiving.parentId) : undefined;
    const competent = row.competentAgencyId
      ? await deps.findAgency(row.competentAgencyId)
      : undefined;
    const data = formDataFor({
      kind,
      row,
      actions,
      detail,
      // The time the dossier was filed under, and its term to supplement (default 15 working days).
      period: rules.period,
      supplementDays: rules.supplementDays ?? 15,
      cal: ctx.cal,
      agencies: { receiving, parent, competent },
      place,
      issuedAt: deps.clock.now(),
      lookupUrl: `${deps.publicUrl}/tra-cuu?code=${encodeURIComponent(row.code)}`,
      stepNames,
    });
    return renderForm(await templates, kind, data);
  }

  async function formPdf(
    code: string,
    kind: FormKind,
    canRead: (row: DossierRow) => boolean,
  ): Promise<Buffer> {
    const row = await repo.findByCode(deps.db, code);
    if (!row || !canRead(row)) throw notFound(`Không tìm thấy hồ sơ ${code}.`);
    return form(row, kind);
  }

  return { formPdf };
}
