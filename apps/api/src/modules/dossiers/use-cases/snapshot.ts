import { notFound } from '../../../platform/errors.js';
import {
  applyAction,
  INITIAL_STATE,
  STATUS_CODES,
  type Channel,
  type DossierContext,
} from '../dossier.js';
import type { ActionRow, DossierRow } from '../dossiers.repository.js';
import { toLogged } from './deadlines.js';
import type { AgencyRef, DossiersKit } from './kit.js';
import { ACTION_LABELS } from './view.js';

/** One logged step with the national status the dossier had after it. */
export interface SnapshotStep {
  seq: number;
  kind: string;
  label: string;
  at: Date;
  statusCode: number;
  actorKind: string;
}

/**
 * What the national systems are told about a dossier (issue 16): its identity and dates, the
 * applicant as filed, and every step with the status it left the dossier in, folded from the log.
 */
export interface DossierSnapshot {
  id: string;
  code: string;
  procedureCode: string;
  procedureName: string;
  statusCode: number;
  channel: Channel;
  applicant: { name: string; idNumber: string | null; phone: string | null; email: string | null };
  /** Filed online by an account signed in through VNeID. */
  signedInWithVneid: boolean;
  receivingAgency: { name: string; electronicId: string } | null;
  filedAt: Date;
  receivedAt: Date | null;
  dueAt: Date | null;
  completedAt: Date | null;
  hasDigitisedFiles: boolean;
  steps: SnapshotStep[];
}

/** The snapshot of a dossier the caller may read, by its code (404 otherwise, as everywhere). */
export async function snapshotByCode(
  kit: DossiersKit,
  code: string,
  canRead: (row: DossierRow) => boolean,
): Promise<DossierSnapshot> {
  const row = await kit.repo.findByCode(kit.deps.db, code);
  if (!row || !canRead(row)) throw notFound(`Không tìm thấy hồ sơ ${code}.`);
  return snapshotOf(kit, row.id);
}

export async function snapshotOf(kit: DossiersKit, dossierId: string): Promise<DossierSnapshot> {
  const found = (await snapshotsOf(kit, [dossierId])).get(dossierId);
  if (found instanceof Error) throw found;
  if (!found) throw notFound('Không tìm thấy hồ sơ.');
  return found;
}

/**
 * Several dossiers' snapshots in a few queries (the sync drain sends hundreds per round). A
 * dossier whose context cannot be read maps to its error, so that one cannot hold up the rest;
 * an unknown id is absent.
 */
export async function snapshotsOf(
  kit: DossiersKit,
  dossierIds: readonly string[],
): Promise<Map<string, DossierSnapshot | Error>> {
  const { deps, repo, files } = kit;
  const ids = [...new Set(dossierIds)];
  const out = new Map<string, DossierSnapshot | Error>();
  if (ids.length === 0) return out;
  const [rows, actions, digitised] = await Promise.all([
    repo.findByIds(deps.db, ids),
    repo.listActionsOf(deps.db, ids),
    files.dossiersWithFiles(deps.db, ids),
  ]);
  const logs = new Map<string, ActionRow[]>();
  for (const action of actions) {
    const log = logs.get(action.dossierId);
    if (log) log.push(action);
    else logs.set(action.dossierId, [action]);
  }
  await Promise.all(
    rows.map(async (row) => {
      const log = logs.get(row.id) ?? [];
      try {
        const [{ detail, ctx }, agency] = await Promise.all([
          kit.contextFor(row, { firstPayload: log[0]?.seq === 1 ? log[0].payload : undefined }),
          deps.findAgency(row.receivingAgencyId),
        ]);
        out.set(row.id, fold(row, log, detail.content.name, ctx, agency, digitised.has(row.id)));
      } catch (error) {
        out.set(row.id, error instanceof Error ? error : new Error(String(error)));
      }
    }),
  );
  return out;
}

function fold(
  row: DossierRow,
  log: ActionRow[],
  procedureName: string,
  ctx: DossierContext,
  agency: AgencyRef | undefined,
  hasDigitisedFiles: boolean,
): DossierSnapshot {
  let state = INITIAL_STATE;
  const steps: SnapshotStep[] = log.map((action) => {
    // The log folded step by step: each step carries the status it left (a rule refusing a
    // logged action, which dossiers:verify would report, keeps the status as it was).
    try {
      state = applyAction(state, toLogged(action), ctx);
    } catch {
      /* reported by npm run dossiers:verify */
    }
    return {
      seq: action.seq,
      kind: action.kind,
      label: ACTION_LABELS[action.kind as keyof typeof ACTION_LABELS] ?? action.kind,
      at: action.at,
      statusCode: STATUS_CODES[state.status],
      actorKind: (action.actor as { kind: string }).kind,
    };
  });
  return {
    id: row.id,
    code: row.code,
    procedureCode: row.procedureCode,
    procedureName,
    statusCode: row.statusCode,
    channel: row.channel as Channel,
    applicant: {
      name: row.applicant.name,
      idNumber: row.applicant.idNumber,
      phone: row.applicant.phone,
      email: row.applicant.email,
    },
    signedInWithVneid: row.applicantAccountId !== null,
    receivingAgency: agency ? { name: agency.name, electronicId: agency.electronicId } : null,
    filedAt: row.filedAt,
    receivedAt: row.receivedAt,
    dueAt: row.dueAt,
    completedAt: row.completedAt,
    hasDigitisedFiles,
    steps,
  };
}
