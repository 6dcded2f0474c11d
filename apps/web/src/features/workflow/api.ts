import {
  ProcessCheck,
  ProcessList,
  ProcessVersion,
  type ProcessDraftRequest,
} from '@motcua/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiSend } from '../../lib/api';

const LIST_KEY = ['workflow', 'processes'] as const;

/** GET /api/admin/processes — every version, or those of one procedure. */
export function useProcesses(procedureCode?: string) {
  return useQuery({
    queryKey: [...LIST_KEY, procedureCode ?? null],
    queryFn: ({ signal }) =>
      apiGet('/api/admin/processes', ProcessList, { signal, query: { procedureCode } }),
    retry: false,
  });
}

/**
 * POST /api/admin/processes/check — issues, budget and preview timeline of a draft. A query, not a
 * mutation: the editor re-checks as the draft changes, and an unchanged draft is not sent twice.
 */
export function useProcessCheck(request: ProcessDraftRequest | null) {
  return useQuery({
    queryKey: ['workflow', 'check', request],
    queryFn: () => apiSend('POST', '/api/admin/processes/check', ProcessCheck, request),
    enabled: request !== null,
    placeholderData: keepPreviousData,
    retry: false,
    // "Kiểm tra now" means now: the preview's due times follow the clock.
    staleTime: 0,
  });
}

/** POST /api/admin/processes — a new draft version (kept even with issues). */
export function useSaveDraft() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: ProcessDraftRequest) =>
      apiSend('POST', '/api/admin/processes', ProcessVersion, request),
    onSuccess: () => client.invalidateQueries({ queryKey: LIST_KEY }),
  });
}

/** POST /api/admin/processes/:id/publish — the version in force before is retired. */
export function usePublish() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiSend('POST', `/api/admin/processes/${encodeURIComponent(id)}/publish`, ProcessVersion),
    onSettled: () => client.invalidateQueries({ queryKey: LIST_KEY }),
  });
}
