import type { Agency } from '@motcua/contracts';

/**
 * A deep link from the National Public Service Portal (DVCQG) to our filing page (domain.md §4.1,
 * as Thanh Hóa receives it [I] S21): `?vnconnect=1&MaTTHCDP=<TTHC code>&MaCoQuanThucHien=<agency
 * e-ID>&MaDVC=<service code>`. MaDVC names the online service of the procedure; we file one
 * service per procedure, so it is kept only in the address.
 */
export interface DeepLink {
  procedureCode: string;
  agencyElectronicId: string | null;
}

/** The link's parameters, or null when the address is not one (`vnconnect` absent). */
export function readDeepLink(params: URLSearchParams): DeepLink | null {
  if (params.get('vnconnect') !== '1') return null;
  const agency = params.get('MaCoQuanThucHien')?.trim();
  return {
    procedureCode: params.get('MaTTHCDP')?.trim() ?? '',
    agencyElectronicId: agency ? agency : null,
  };
}

/** TTHC codes look like 1.004837 or 2.000635 (CSDL quốc gia về TTHC). */
export const PROCEDURE_CODE = /^\d\.\d{6}$/;

const FILING_PLACES: ReadonlySet<Agency['kind']> = new Set([
  'service_centre',
  'commune_service_centre',
]);

/**
 * The place to file at for the agency DVCQG named: itself when it receives dossiers (a one-stop
 * centre), else the one-stop centre of the same ward, which receives for its committee (NĐ
 * 118/2025 Art. 7.3: the commune's Trung tâm PVHCC is its one-stop unit). Null when we have no such
 * agency: the citizen then chooses.
 */
export function filingPlaceOf(electronicId: string | null, agencies: Agency[]): string | null {
  if (!electronicId) return null;
  const named = agencies.find((a) => a.electronicId === electronicId);
  if (!named) return null;
  if (FILING_PLACES.has(named.kind)) return named.id;
  const centre = agencies.find(
    (a) =>
      a.kind === 'commune_service_centre' &&
      named.adminUnitCode !== null &&
      a.adminUnitCode === named.adminUnitCode,
  );
  return centre?.id ?? null;
}

/** Where the filing page is, with the receiving place preselected when known. */
export function filingPath(procedureCode: string, agencyId: string | null): string {
  const base = `/nop-ho-so/${encodeURIComponent(procedureCode)}`;
  return agencyId ? `${base}?coQuan=${encodeURIComponent(agencyId)}` : base;
}
