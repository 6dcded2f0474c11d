import type { DossierQueue, DossierQueueQuery } from '@motcua/contracts';
import type { WorkingCalendar } from '../../calendar/index.js';
import { STATUS_LABELS, type Channel, type DossierStatus } from '../dossier.js';
import type { QueueRow } from '../dossiers.repository.js';
import type { DossiersKit } from './kit.js';

function queueItem(
  kit: DossiersKit,
  cal: WorkingCalendar,
  row: QueueRow,
  names: { step: string | null; procedure: string },
) {
  return {
    code: row.code,
    procedureCode: row.procedureCode,
    procedureName: names.procedure,
    applicantName: row.applicantName,
    channel: row.channel as Channel,
    statusCode: row.statusCode,
    statusLabel: STATUS_LABELS[row.status as DossierStatus],
    filedAt: row.filedAt.toISOString(),
    dueAt: row.dueAt?.toISOString() ?? null,
    remaining: row.dueAt && row.statusCode < 9 ? kit.remainingOf(cal, row.dueAt) : null,
    step: row.step,
    stepName: names.step,
    assignedUnitId: row.assignedUnitId,
    assignedAccountId: row.assignedAccountId,
  };
}

/** Queue items, with each step named as the dossier's workflow version names it. */
async function queueItems(kit: DossiersKit, cal: WorkingCalendar, rows: QueueRow[]) {
  const codes = [...new Set(rows.map((r) => r.procedureCode))];
  const [versions, procedures] = await Promise.all([
    Promise.all(rows.map((r) => kit.processOf(r.processId))),
    // A procedure the catalogue no longer has is still listed, by its code.
    Promise.all(codes.map((c) => kit.deps.catalog.getProcedure(c).catch(() => undefined))),
  ]);
  const nameOf = new Map(codes.map((c, i) => [c, procedures[i]?.content.name ?? c]));
  return rows.map((row, i) => {
    const steps = versions[i]?.definition.steps.flatMap((s) => [s, ...(s.transfer?.steps ?? [])]);
    return queueItem(kit, cal, row, {
      step: steps?.find((s) => s.key === row.step)?.name ?? null,
      procedure: nameOf.get(row.procedureCode) ?? row.procedureCode,
    });
  });
}

/** "Hồ sơ của tôi": what a signed-in citizen or business has filed, in full. */
export async function mine(kit: DossiersKit, accountId: string): Promise<DossierQueue> {
  const cal = await kit.deps.getCalendar();
  const rows = await kit.repo.ofApplicant(kit.deps.db, accountId);
  return {
    total: rows.length,
    items: await queueItems(
      kit,
      cal,
      rows.map((row) => ({ ...row, applicantName: row.applicant.name })),
    ),
  };
}

export async function queue(
  kit: DossiersKit,
  reach: 'all' | { agencyIds: string[]; unitIds: string[] },
  me: { accountId: string; unitIds: string[] },
  query: DossierQueueQuery,
): Promise<DossierQueue> {
  const { deps, repo } = kit;
  const cal = await deps.getCalendar();
  const now = deps.clock.now();
  const { rows, total } = await repo.queue(deps.db, {
    reach,
    me,
    view: query.view,
    q: query.q,
    now,
    soon: cal.addPeriod(now, 1, 'working_days'),
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  return {
    total,
    items: await queueItems(kit, cal, rows),
  };
}
