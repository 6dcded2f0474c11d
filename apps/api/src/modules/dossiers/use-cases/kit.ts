import type { ProcessVersion } from '@motcua/contracts';
import { intakeCutoffOf, legalPeriodOf, type CatalogService } from '../../catalog/index.js';
import { describeRemaining, type WorkingCalendar } from '../../calendar/index.js';
import type { WorkflowService } from '../../workflow/index.js';
import type { Clock } from '../../../platform/clock.js';
import type { Db } from '../../../platform/db/database.js';
import type { Channel, DossierContext } from '../dossier.js';
import { createAttachmentsRepository } from '../attachments.repository.js';
import { createDossiersRepository, type DossierRow } from '../dossiers.repository.js';

export interface AgencyRef {
  id: string;
  electronicId: string;
  name: string;
  kind: string;
  parentId: string | null;
}

export interface DossiersDeps {
  db: Db;
  clock: Clock;
  /** Seed demo dossiers (never in production). */
  demo: boolean;
  /** data/forms/tt03-2025.json: the wording of the legal forms. */
  formTemplatesFile: string;
  /** Where citizens reach the public lookup (QR codes on the forms). */
  publicUrl: string;
  /** Place name in the forms' dateline, e.g. "Đồng Nai". */
  placeName: () => Promise<string>;
  catalog: Pick<CatalogService, 'getProcedure' | 'listMovedProcedures'>;
  workflow: Pick<WorkflowService, 'published' | 'byId'>;
  getCalendar: () => Promise<WorkingCalendar>;
  findAgency: (id: string) => Promise<AgencyRef | undefined>;
  findAgencyByElectronicId: (electronicId: string) => Promise<AgencyRef | undefined>;
  /** Units (phòng) of an agency: workflow steps name them by code. */
  listUnits: (agencyId: string) => Promise<Array<{ id: string; code: string }>>;
}

/**
 * What every use case of the module shares: its dependencies, the repositories, and the reads
 * that rebuild a dossier's legal context (procedure, calendar, workflow version).
 */
export function createDossiersKit(deps: DossiersDeps) {
  const repo = createDossiersRepository();
  const files = createAttachmentsRepository();

  // A published version never changes (a change is a new version): cached for good.
  const processes = new Map<string, Promise<ProcessVersion | null>>();
  const processOf = (id: string | null) => {
    if (id === null) return Promise.resolve(null);
    let found = processes.get(id);
    if (!found) {
      found = deps.workflow.byId(id);
      processes.set(id, found);
    }
    return found;
  };

  async function contextFor(
    row: Pick<DossierRow, 'procedureCode' | 'channel'> &
      Partial<
        Pick<
          DossierRow,
          'processId' | 'receivingAgencyId' | 'competentAgencyId' | 'currentAgencyId'
        >
      >,
  ) {
    const [detail, cal, process] = await Promise.all([
      deps.catalog.getProcedure(row.procedureCode),
      deps.getCalendar(),
      processOf(row.processId ?? null),
    ]);
    // Step units are codes inside the agency that has the dossier now.
    const agencyId = row.currentAgencyId ?? row.competentAgencyId ?? row.receivingAgencyId;
    const [units, partners] = await Promise.all([
      process && agencyId ? deps.listUnits(agencyId) : [],
      // Transfer steps name partner agencies by electronic ID.
      Promise.all(
        (process?.definition.steps ?? []).flatMap((s) =>
          s.transfer ? [deps.findAgencyByElectronicId(s.transfer.agencyElectronicId)] : [],
        ),
      ),
    ]);
    const cutoff = intakeCutoffOf(detail);
    const ctx: DossierContext = {
      cal,
      channel: row.channel as Channel,
      // The legal time of the channel the dossier came by, and the intake cut-off.
      period: legalPeriodOf(detail, row.channel as Channel),
      ...(cutoff ? { cutoff } : {}),
      // Continue the remaining time after a supplement unless the procedure restarts it
      // (per procedure, domain.md §9: "tiếp tục" or "tính lại từ đầu").
      resumeMode: detail.local.processingTime?.afterSupplement ?? 'continue',
      process: process?.definition ?? null,
      unitIdOf: (code) => units.find((u) => u.code === code)?.id ?? null,
      agencyIdOf: (eid) => partners.find((a) => a?.electronicId === eid)?.id ?? null,
    };
    return { detail, ctx, process };
  }

  function remainingOf(cal: WorkingCalendar, due: Date) {
    const workingMinutes = cal.remainingWorkingMinutes(due, deps.clock.now());
    return { workingMinutes, ...describeRemaining(workingMinutes) };
  }

  return { deps, repo, files, processOf, contextFor, remainingOf };
}

export type DossiersKit = ReturnType<typeof createDossiersKit>;
