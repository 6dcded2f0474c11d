import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { DossierSync, ResendResult, SyncProblems, SyncSummary } from '@motcua/contracts';
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
