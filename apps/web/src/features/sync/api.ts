import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  DossierSync,
  Reconciliation,
  ReconciliationList,
  ResendResult,
  SyncIncidents,
  SyncProblems,
  SyncSummary,
  type ReconciliationRequest,
} from '@motcua/contracts';
import { apiGet, apiSend } from '../../lib/api';

/** The targets the UI names; any other is shown by its code. */
export const KNOWN_TARGETS = ['dvcqg', 'dieu-phoi'] as const;
export type KnownTarget = (typeof KNOWN_TARGETS)[number];
export const isKnownTarget = (t: string): t is KnownTarget =>
  (KNOWN_TARGETS as readonly string[]).includes(t);

const SYNC_KEY = ['sync', 'admin'] as const;

export function useSyncSummary(enabled: boolean) {
  return useQuery({
    queryKey: [...SYNC_KEY, 'summary'],
    queryFn: ({ signal }) => apiGet('/api/admin/sync/summary', SyncSummary, { signal }),
    enabled,
  });
}

export function useSyncProblems(enabled: boolean) {
  return useQuery({
    queryKey: [...SYNC_KEY, 'problems'],
    queryFn: ({ signal }) => apiGet('/api/admin/sync/problems', SyncProblems, { signal }),
    enabled,
  });
}

/** Resends one dossier (by code) or every failed one; the summary and problems refresh after. */
export function useSyncResend() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (code: string | undefined) =>
      apiSend('POST', '/api/admin/sync/resend', ResendResult, code ? { code } : {}),
    onSettled: () => client.invalidateQueries({ queryKey: SYNC_KEY }),
  });
}

/** A dossier's sync with each national system; no retries, the page never waits on it. */
export function useDossierSync(code: string) {
  return useQuery({
    queryKey: ['sync', 'dossier', code],
    queryFn: ({ signal }) =>
      apiGet(`/api/dossiers/${encodeURIComponent(code)}/sync`, DossierSync, { signal }),
    retry: false,
  });
}

/** Recent reconciliations, newest first (the tab opens on the latest). */
export function useReconciliations(enabled: boolean) {
  return useQuery({
    queryKey: [...SYNC_KEY, 'reconciliations'],
    queryFn: ({ signal }) =>
      apiGet('/api/admin/sync/reconciliations', ReconciliationList, { signal }),
    enabled,
  });
}

export function useReconciliation(id: string | null) {
  return useQuery({
    queryKey: [...SYNC_KEY, 'reconciliation', id],
    queryFn: ({ signal }) =>
      apiGet(`/api/admin/sync/reconciliations/${id}`, Reconciliation, { signal }),
    enabled: id !== null,
  });
}

/** Runs a reconciliation now; its mismatches, incidents and the lists refresh after. */
export function useRunReconciliation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: ReconciliationRequest) =>
      apiSend('POST', '/api/admin/sync/reconciliations', Reconciliation, request),
    onSuccess: (run) => client.setQueryData([...SYNC_KEY, 'reconciliation', run.id], run),
    onSettled: () => client.invalidateQueries({ queryKey: SYNC_KEY }),
  });
}

/** Resends the dossier of one mismatch to that system. */
export function useResendMismatch() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) =>
      apiSend('POST', `/api/admin/sync/mismatches/${id}/resend`, ResendResult),
    onSettled: () => client.invalidateQueries({ queryKey: SYNC_KEY }),
  });
}

export interface IncidentFilter {
  from: string;
  to: string;
  agencyId: string | null;
}

const incidentQuery = (f: IncidentFilter) => ({
  from: f.from,
  to: f.to,
  ...(f.agencyId ? { agencyId: f.agencyId } : {}),
});

export function useSyncIncidents(filter: IncidentFilter, enabled: boolean) {
  return useQuery({
    queryKey: [...SYNC_KEY, 'incidents', filter],
    queryFn: ({ signal }) =>
      apiGet('/api/admin/sync/incidents', SyncIncidents, { signal, query: incidentQuery(filter) }),
    enabled,
  });
}

/** The help-desk report of the filtered incidents, as a download link. */
export function incidentsExportUrl(filter: IncidentFilter): string {
  return `/api/admin/sync/incidents/export?${new URLSearchParams({
    format: 'xlsx',
    ...incidentQuery(filter),
  }).toString()}`;
}
