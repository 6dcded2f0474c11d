import { notFound } from '../../../platform/errors.js';
import type { DossierRow } from '../dossiers.repository.js';
import { requireIssuable } from '../forms/issuable.js';
import { formDataFor } from '../forms/form-data.js';
import {
  numberFrom,
  readFormTemplates,
  renderForm,
  type FormKind,
  type FormTemplates,
} from '../forms/legal-forms.js';
import type { DossiersKit } from './kit.js';

/** Forms the one-stop counter issues; the others come from the agency that decides the dossier. */
const ISSUED_BY_COUNTER: ReadonlySet<FormKind> = new Set(['receipt', 'refusal', 'control']);

const yearInVietnam = (d: Date) =>
  Number(
    new Intl.DateTimeFormat('en', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' }).format(d),
  );

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
    const forms = await templates;
    // Its number, taken once (the first print) from the issuing agency's series for the year;
    // a reprint shows the same number.
    const now = deps.clock.now();
    const year = yearInVietnam(now);
    const document = await deps.db.transaction(async (tx) => {
      await repo.findByCode(tx, row.code, { lock: true });
      return repo.issueDocument(tx, {
        dossierId: row.id,
        kind,
        agencyId: ISSUED_BY_COUNTER.has(kind)
          ? row.receivingAgencyId
          : (row.competentAgencyId ?? row.receivingAgencyId),
        year,
        at: now,
        numberOf: (seq) => numberFrom(forms.numbering.document, seq, year),
      });
    });
    // Form 02 names the officer who asked, to call with questions.
    const asker = actions.findLast((a) => a.kind === 'request_supplement');
    const officer =
      kind === 'supplement' && asker
        ? await deps.officerContact((asker.actor as { id: string }).id)
        : undefined;
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
      issuedAt: now,
      lookupUrl: `${deps.publicUrl}/tra-cuu?code=${encodeURIComponent(row.code)}`,
      stepNames,
    });
    return renderForm(forms, kind, {
      ...data,
      documentNo: document.number,
      ...(officer
        ? { officer: { name: officer.name, ...(officer.phone ? { phone: officer.phone } : {}) } }
        : {}),
      // The receipt is the entry in the Sổ theo dõi hồ sơ: one book a year per counter.
      ...(kind === 'receipt'
        ? {
            book: {
              volume: numberFrom(forms.numbering.bookVolume, document.seq, document.year),
              entry: String(document.seq),
            },
          }
        : {}),
    });
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
