import type { DossierActionRequest } from '@motcua/contracts';
import type { CalendarChangedEvent, RecomputeContext } from '../../calendar/index.js';
import type { DbExecutor } from '../../../platform/db/database.js';
import {
  foldActions,
  type Actor,
  type DossierContext,
  type DossierState,
  type LoggedAction,
} from '../dossier.js';
import { rowValues, stateOf, toAction } from '../dossier-row.js';
import type { ActionRow, DossierRow } from '../dossiers.repository.js';
import type { DossiersKit } from './kit.js';

/*
 * The action log is the dossier's only source of truth (issue 14): its state is what folding
 * the log under the procedure's pinned rules and the working calendar gives; the row is a
 * projection of it, rewritten from that fold by every action, by a calendar change and by
 * `npm run dossiers:verify -- --rebuild`.
 */

const SYSTEM: Actor = { kind: 'system', id: 'calendar' };

/** A logged row as the rules read it (payload fields besides the action's own are ignored). */
export function toLogged(row: Pick<ActionRow, 'kind' | 'payload' | 'actor' | 'at'>): LoggedAction {
  const payload = (row.payload ?? {}) as Record<string, unknown>;
  return {
    action: toAction({ ...payload, kind: row.kind } as DossierActionRequest),
    actor: row.actor as Actor,
    at: row.at,
  };
}

/** JSON with sorted keys and ISO dates, so jsonb's key order never counts as a difference. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

/** The fields of the projection that differ from what the log folds to. */
export function projectionDifferences(row: DossierRow, folded: DossierState): string[] {
  const want = rowValues(folded) as Record<string, unknown>;
  const have = row as unknown as Record<string, unknown>;
  return Object.keys(want).filter((key) => canonical(have[key]) !== canonical(want[key]));
}

/** Folds a dossier's log; the state it is in, and the last sequence number. */
export async function foldDossier(
  kit: DossiersKit,
  db: DbExecutor,
  row: DossierRow,
  ctx: DossierContext,
): Promise<{ state: DossierState; seq: number; log: ActionRow[] }> {
  const log = await kit.repo.listActions(db, row.id);
  return { state: foldActions(log.map(toLogged), ctx), seq: log.at(-1)?.seq ?? 0, log };
}

const clockOf = (state: DossierState) => canonical(rowValues(state).clock);
const dueOf = (state: DossierState) => {
  const c = state.clock;
  if (!c) return null;
  return (c.state === 'running' ? c.due : c.dueWhenPaused).toISOString();
};

/**
 * The state of a dossier by its log, inside the caller's transaction. When the calendar changed
 * since the projection was written, the moved due time is first recorded in the log (who: the
 * system; why: the calendar changes) so that nobody's clock moves without a trace.
 */
export async function reconcile(
  kit: DossiersKit,
  tx: DbExecutor,
  row: DossierRow,
  ctx: DossierContext,
  now: Date,
  changeIds: number[],
): Promise<{ state: DossierState; seq: number; moved: boolean; log: ActionRow[] }> {
  const { state, seq, log } = await foldDossier(kit, tx, row, ctx);
  const stored = stateOf(row);
  if (clockOf(state) === clockOf(stored)) return { state, seq, moved: false, log };
  const next = seq + 1;
  await kit.appendAction(tx, {
    dossierId: row.id,
    seq: next,
    kind: 'recompute_deadline',
    actor: SYSTEM,
    at: now,
    payload: { from: dueOf(stored), to: dueOf(state), changeIds },
    idempotencyKey: `recompute:${row.id}:${next}`,
  });
  await kit.repo.updateDossier(tx, row.id, { ...rowValues(state), actions: next, updatedAt: now });
  return { state, seq: next, moved: true, log };
}

/**
 * The calendar's recompute handler: every open dossier whose clock the changed days may move is
 * folded again under the new calendar; those whose due time moved get a log entry. Idempotent: a
 * second run finds every projection equal to its fold and writes nothing.
 */
export async function recomputeDeadlines(
  kit: DossiersKit,
  event: CalendarChangedEvent,
  context: RecomputeContext,
): Promise<number> {
  const earliest = new Date(`${event.earliestDate}T00:00:00+07:00`);
  let moved = 0;
  for (const row of await kit.repo.openClocksFrom(context.tx, earliest)) {
    const { ctx } = await kit.contextFor(row, { db: context.tx, calendar: context.calendar });
    const result = await reconcile(kit, context.tx, row, ctx, context.now, event.changeIds);
    if (result.moved) moved += 1;
  }
  return moved;
}

export interface VerifyReport {
  dossiers: number;
  /** Dossiers whose projection differs from their fold, with the fields that differ. */
  different: Array<{ code: string; fields: string[] }>;
  /** Dossiers whose log does not fold under the rules (a rule refuses one of its actions). */
  unfoldable: Array<{ code: string; error: string }>;
  rebuilt: number;
}

/**
 * Folds every dossier's log and compares it with the stored projection; with `rebuild`, writes
 * the fold into the projection (the log alone rebuilds every dossier).
 */
export async function verifyDossiers(
  kit: DossiersKit,
  options: { rebuild?: boolean; onProgress?: (done: number) => void } = {},
): Promise<VerifyReport> {
  const { deps, repo } = kit;
  const report: VerifyReport = { dossiers: 0, different: [], unfoldable: [], rebuilt: 0 };
  let after: string | null = null;
  for (;;) {
    const page = await repo.idsAfter(deps.db, after, 500);
    if (page.length === 0) break;
    for (const { id } of page) {
      const row = await repo.findById(deps.db, id);
      if (!row) continue;
      report.dossiers += 1;
      try {
        const { ctx } = await kit.contextFor(row);
        const { state, seq } = await foldDossier(kit, deps.db, row, ctx);
        const fields = projectionDifferences(row, state);
        if (seq !== row.actions) fields.push('actions');
        if (fields.length === 0) continue;
        report.different.push({ code: row.code, fields });
        if (options.rebuild) {
          await repo.updateDossier(deps.db, row.id, { ...rowValues(state), actions: seq });
          report.rebuilt += 1;
        }
      } catch (error) {
        report.unfoldable.push({ code: row.code, error: (error as Error).message });
      }
    }
    after = page.at(-1)!.id;
    options.onProgress?.(report.dossiers);
  }
  return report;
}
