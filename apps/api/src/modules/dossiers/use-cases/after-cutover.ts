import { STATUS_LABELS, type Channel } from '../dossier.js';
import { statusByCode } from '../dossier-row.js';
import type { DossiersKit } from './kit.js';

/** Seed 001: dossiers still filed here after their procedure's cutover to a ministry system. */
export async function afterCutoverReport(kit: DossiersKit, agencyIds: string[] | 'all') {
  const { deps, repo } = kit;
  const moved = (await deps.catalog.listMovedProcedures()).flatMap((m) =>
    // Without a cutover date every dossier of a moved procedure counts from the start.
    [{ ...m, cutoverDate: m.cutoverDate ?? '1970-01-01' }],
  );
  const names = new Map(moved.map((m) => [m.code, m]));
  const rows = await repo.arisenAfterCutover(deps.db, moved, agencyIds);
  return {
    total: rows.length,
    items: rows.map((r) => ({
      code: r.code,
      procedureCode: r.procedureCode,
      procedureName: names.get(r.procedureCode)?.name ?? r.procedureCode,
      cutoverDate: names.get(r.procedureCode)?.cutoverDate ?? null,
      channel: r.channel as Channel,
      statusLabel: STATUS_LABELS[statusByCode(r.statusCode)],
      filedAt: r.filedAt.toISOString(),
    })),
  };
}
