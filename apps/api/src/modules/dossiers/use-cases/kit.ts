import type { ProcessVersion } from '@motcua/contracts';
import type { CatalogService } from '../../catalog/index.js';
import { describeRemaining, type WorkingCalendar } from '../../calendar/index.js';
import type { WorkflowService } from '../../workflow/index.js';
import type { Clock } from '../../../platform/clock.js';
import type { Db, DbExecutor } from '../../../platform/db/database.js';
import type { Channel, DossierContext } from '../dossier.js';
import { createAttachmentsRepository } from '../attachments.repository.js';
import { createDossiersRepository, type DossierRow } from '../dossiers.repository.js';
import type { ExternalLookup } from '../lookup.repository.js';
import { contextRules, pinnedRulesOf, pinRules, type PinnedRules } from '../rules.js';

export interface AgencyRef {
  id: string;
  electronicId: string;
  name: string;
  kind: string;
  parentId: string | null;
}

/** An action just appended to a dossier's log. */
export interface AppendedAction {
  dossierId: string;
  seq: number;
  kind: string;
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
  listUnits: (agencyId: string) => Promise<Array<{ id: string; code: string; name: string }>>;
  /**
   * Called inside the transaction that appends an action to a dossier's log, so that what
   * follows from it downstream (the national sync's outbox) commits with it or not at all.
   */
  onAppended?: (tx: DbExecutor, event: AppendedAction) => Promise<void>;
  /** Dossiers settled on a ministry's system, found by the public lookup when ours are not. */
  externalLookup?: ExternalLookup;
  /**
   * The fee a dossier owes by the schedule in force when it was filed (the fees module's quote;
   * the composition root wires it). Asked when a paying step or the procedure's payment rule has
   * the system request the fee (issue 17); absent or null: no usable fee schedule.
   */
  quoteFee?: (dossier: {
    procedureCode: string;
    agencyId: string;
    channel: Channel;
    filedAt: Date;
  }) => Promise<{ total: number } | null>;
  /**
   * The demo citizen's account (the VNeID simulator's first test person), in whose name a demo
   * dossier waits for payment; absent: that dossier has no account behind it.
   */
  demoApplicant?: () => Promise<{
    accountId: string;
    name: string;
    idNumber: string | null;
    phone: string | null;
  } | null>;
  /** An officer's name and work phone, for the forms (form 02 names whom to call). */
  officerContact: (
    accountId: string,
  ) => Promise<{ name: string; phone: string | null } | undefined>;
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

  /**
   * The rules a filed dossier was pinned to, from its first action (the log); a dossier filed
   * before rules were pinned keeps being read under the procedure's current ones.
   */
  async function rulesOf(
    db: DbExecutor,
    row: Pick<DossierRow, 'id' | 'channel'>,
    detail: Parameters<typeof pinRules>[0],
    firstPayload?: unknown,
  ): Promise<PinnedRules> {
    const payload =
      firstPayload !== undefined ? firstPayload : (await repo.firstAction(db, row.id))?.payload;
    const pinned = pinnedRulesOf(payload);
    if (pinned) return pinned;
    // Filed before any rule was pinned: today's rules, but not today's payment rule, which did
    // not exist then (those dossiers fold under the legacy one, rules.ts).
    return { ...pinRules(detail, row.channel as Channel), payment: undefined };
  }

  /**
   * A dossier's legal context: its procedure, the working calendar (`options.calendar` when a job
   * recomputes under a calendar it just built), the workflow version it follows, and the rules it
   * was filed under. A dossier not yet filed (no id) is pinned to the procedure's rules now.
   */
  async function contextFor(
    row: Pick<DossierRow, 'procedureCode' | 'channel'> &
      Partial<
        Pick<
          DossierRow,
          'id' | 'processId' | 'receivingAgencyId' | 'competentAgencyId' | 'currentAgencyId'
        >
      >,
    options: {
      db?: DbExecutor;
      calendar?: WorkingCalendar;
      /** The first action's payload when the caller has read it already (bulk reads). */
      firstPayload?: unknown;
    } = {},
  ) {
    const [detail, cal, process] = await Promise.all([
      deps.catalog.getProcedure(row.procedureCode),
      options.calendar ?? deps.getCalendar(),
      processOf(row.processId ?? null),
    ]);
    const rules = row.id
      ? await rulesOf(
          options.db ?? deps.db,
          { id: row.id, channel: row.channel },
          detail,
          options.firstPayload,
        )
      : pinRules(detail, row.channel as Channel);
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
    const ctx: DossierContext = {
      cal,
      channel: row.channel as Channel,
      // The legal time of the channel, the cut-off and the supplement rule it was filed under.
      ...contextRules(rules),
      process: process?.definition ?? null,
      unitIdOf: (code) => units.find((u) => u.code === code)?.id ?? null,
      unitNameOf: (id) => units.find((u) => u.id === id)?.name ?? null,
      agencyIdOf: (eid) => partners.find((a) => a?.electronicId === eid)?.id ?? null,
    };
    return { detail, ctx, process, rules };
  }

  function remainingOf(cal: WorkingCalendar, due: Date) {
    const workingMinutes = cal.remainingWorkingMinutes(due, deps.clock.now());
    return { workingMinutes, ...describeRemaining(workingMinutes) };
  }

  /** Appends to the log, and tells the downstream modules in the same transaction. */
  async function appendAction(
    tx: DbExecutor,
    row: Parameters<typeof repo.insertAction>[1],
  ): Promise<void> {
    await repo.insertAction(tx, row);
    await deps.onAppended?.(tx, { dossierId: row.dossierId, seq: row.seq, kind: row.kind });
  }

  return { deps, repo, files, processOf, contextFor, remainingOf, appendAction };
}

export type DossiersKit = ReturnType<typeof createDossiersKit>;
