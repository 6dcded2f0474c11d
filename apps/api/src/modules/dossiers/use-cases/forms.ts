import { notFound } from '../../../platform/errors.js';
import type { DossierRow } from '../dossiers.repository.js';
import { requireIssuable } from '../forms/issuable.js';
import { formDataFor } from '../forms/form-data.js';
import {
  readFormTemplates,
  renderForm,
  type FormKind,
  type FormTemplates,
} from '../forms/legal-forms.js';
import type { DossiersKit } from './kit.js';

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
