/**
 * The dossier code of TT 03/2025/TT-VPCP Art. 13 (domain.md §2.3):
 * `<agency electronic ID>-<YYMMDD>-<daily sequence, at least 4 digits>`, e.g.
 * `000.01.111.H75-261208-0007`. The form is [I] (seen in practice; the literal article text was
 * not), so the pattern is kept in this one place. The day is the receipt day in Vietnam's time.
 */

const ICT_OFFSET_MS = 7 * 60 * 60 * 1000;

/** YYMMDD of an instant in Asia/Ho_Chi_Minh (UTC+7 all year). */
export function codeDay(instant: Date): string {
  const local = new Date(instant.getTime() + ICT_OFFSET_MS);
  const yy = String(local.getUTCFullYear() % 100).padStart(2, '0');
  const mm = String(local.getUTCMonth() + 1).padStart(2, '0');
  const dd = String(local.getUTCDate()).padStart(2, '0');
  return `${yy}${mm}${dd}`;
}

export function formatDossierCode(electronicId: string, day: string, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1) throw new Error(`bad sequence ${sequence}`);
  // At least 4 digits, longer when a busy day needs it (TT 04/2025 says the same of its variant).
  return `${electronicId}-${day}-${String(sequence).padStart(4, '0')}`;
}

const CODE = /^(?<agency>[0-9A-Z.]+)-(?<day>\d{6})-(?<seq>\d{4,})$/;

/** The parts of a code, or undefined when it is not one (a citizen typing on a phone). */
export function parseDossierCode(
  text: string,
): { electronicId: string; day: string; sequence: number } | undefined {
  const m = CODE.exec(text.trim().toUpperCase());
  if (!m?.groups) return undefined;
  return {
    electronicId: m.groups['agency'] ?? '',
    day: m.groups['day'] ?? '',
    sequence: Number(m.groups['seq']),
  };
}
