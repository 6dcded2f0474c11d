import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiGet, apiSend } from '../../lib/api';

// These mirror apps/api/src/modules/sync/sync.routes.ts; they should move to packages/contracts.

export const SyncTargetSummary = z.object({
  target: z.string(),
  acknowledged: z.number(),
  pending: z.number(),
  failed: z.number(),
  deadLetter: z.number(),
  lagP95Seconds: z.number(),
});
export const SyncSummary = z.object({ targets: z.array(SyncTargetSummary) });

export const SyncProblem = z.object({
  code: z.string(),
  target: z.string(),
  state: z.enum(['retrying', 'dead']),
  events: z.number(),
  attempts: z.number(),
  lastError: z.string().nullable(),
  lastSentAt: z.string().nullable(),
});
export type SyncProblem = z.infer<typeof SyncProblem>;
export const SyncProblems = z.object({ items: z.array(SyncProblem) });

export const ResendResult = z.object({ requeued: z.number() });

export const DossierSync = z.object({
  code: z.string(),
  targets: z.array(
    z.object({
      target: z.string(),
      ourStatus: z.string(),
      portalStatus: z.string().nullable(),
      lastSentAt: z.string().nullable(),
      lastAcknowledgedAt: z.string().nullable(),
      lastError: z.string().nullable(),
    }),
  ),
});
export type DossierSync = z.infer<typeof DossierSync>;

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
