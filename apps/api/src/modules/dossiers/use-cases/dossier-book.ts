import type { ProcedureDetail } from '@motcua/contracts';
import { dossierBookTable, type BookEntry } from '../forms/dossier-book.js';
import type { AgencyRef, DossiersKit } from './kit.js';

const RETURN_METHOD_LABELS: Record<string, string> = {
  counter: 'Trực tiếp tại bộ phận một cửa',
  post: 'Qua dịch vụ bưu chính',
  online: 'Trực tuyến',
};

/**
 * The electronic Sổ theo dõi hồ sơ (TT 03/2025 form 07) for dossiers received in [from, to),
 * optionally one field (lĩnh vực) only: the book is kept per field (domain.md §2.2).
 */
export async function bookTable(
  kit: DossiersKit,
  agencyIds: string[] | 'all',
  query: { from: Date; to: Date; field?: string | undefined },
) {
  const { deps, repo } = kit;
  const rows = await repo.book(deps.db, { ...query, agencyIds, limit: 20_000 });
  const procedures = new Map<string, ProcedureDetail | undefined>();
  const agencies = new Map<string, AgencyRef | undefined>();
  const entries: BookEntry[] = [];
  const fields = new Set<string>();
  for (const { dossier: row, returnedAt, returnMethod } of rows) {
    if (!procedures.has(row.procedureCode)) {
      procedures.set(
        row.procedureCode,
        await deps.catalog.getProcedure(row.procedureCode).catch(() => undefined),
      );
    }
    const detail = procedures.get(row.procedureCode);
    const field = detail?.content.fields[0]?.name ?? '';
    if (query.field && field !== query.field) continue;
    fields.add(field);
    const agencyId = row.competentAgencyId ?? row.receivingAgencyId;
    if (!agencies.has(agencyId)) agencies.set(agencyId, await deps.findAgency(agencyId));
    entries.push({
      code: row.code,
      procedureName: detail?.content.name ?? row.procedureCode,
      applicant: row.applicant.name,
      contact: [row.applicant.address, row.applicant.phone].filter(Boolean).join(', '),
      handlingAgency: agencies.get(agencyId)?.name ?? '',
      receivedAt: row.receivedAt ?? row.filedAt,
      dueAt: row.dueAt,
      returnedAt: returnedAt ? new Date(returnedAt) : null,
      resultDelivery: returnMethod ? (RETURN_METHOD_LABELS[returnMethod] ?? returnMethod) : '',
    });
  }
  return dossierBookTable(query.field ?? ([...fields].join('; ') || 'Tất cả'), entries);
}
