import type { DossierActionRequest } from '@motcua/contracts';
import type { DeadlineClock } from '../calendar/index.js';
import { STATUS_CODES, type Action, type DossierState, type DossierStatus } from './dossier.js';
import type { DossierRow } from './dossiers.repository.js';

const ISO_FIELDS = ['due', 'pausedAt', 'dueWhenPaused'] as const;

function clockToJson(clock: DeadlineClock | null): unknown {
  if (clock === null) return null;
  return JSON.parse(JSON.stringify(clock));
}

function clockFromJson(value: unknown): DeadlineClock | null {
  if (value === null || value === undefined) return null;
  const raw = { ...(value as Record<string, unknown>) };
  for (const key of ISO_FIELDS) {
    if (typeof raw[key] === 'string') raw[key] = new Date(raw[key] as string);
  }
  return raw as unknown as DeadlineClock;
}

export function stateOf(row: DossierRow): DossierState {
  return {
    status: row.status as DossierStatus,
    filedAt: row.filedAt,
    clock: clockFromJson(row.clock),
    receivedAt: row.receivedAt,
    completedAt: row.completedAt,
    supplementRequests: row.supplementRequests,
    extended: row.extended,
    step: row.step,
    stepDueAt: row.stepDueAt,
    assignedUnitId: row.assignedUnitId,
    assignedAccountId: row.assignedAccountId,
    currentAgencyId: row.currentAgencyId,
    openConsultations: row.openConsultations,
  };
}

export function rowValues(state: DossierState) {
  return {
    status: state.status,
    statusCode: STATUS_CODES[state.status],
    // The submission date is the first action's, or the payment's where the procedure counts
    // it from there (dossier.ts record_payment); a state not yet filed keeps the row's.
    ...(state.filedAt ? { filedAt: state.filedAt } : {}),
    clock: clockToJson(state.clock),
    receivedAt: state.receivedAt,
    completedAt: state.completedAt,
    // While a supplement is awaited the clock stands still and there is no due time to show.
    dueAt: state.clock?.state === 'running' ? state.clock.due : null,
    supplementRequests: state.supplementRequests,
    extended: state.extended,
    step: state.step,
    stepDueAt: state.stepDueAt,
    assignedUnitId: state.assignedUnitId,
    assignedAccountId: state.assignedAccountId,
    currentAgencyId: state.currentAgencyId,
    openConsultations: state.openConsultations,
  };
}

export function toAction(request: DossierActionRequest): Action {
  if (request.kind === 'extend') return { ...request, newDue: new Date(request.newDue) };
  return request;
}

export function statusByCode(code: number): DossierStatus {
  const found = (Object.keys(STATUS_CODES) as DossierStatus[]).find(
    (k) => STATUS_CODES[k] === code,
  );
  return found ?? 'submitted';
}
