import {
  AgencyListResponse,
  BulkAssignResult,
  OfficerList,
  UnitList,
  DossierLookup,
  DossierQueue,
  DossierView,
  type BulkAssignRequest,
  type DossierActionRequest,
  type FileOnlineRequest,
} from '@motcua/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiSend } from '../../lib/api';

/**
 * GET /api/dossiers/lookup?code=…[&verify=1234] — public tracking: no personal data by the code
 * alone; with the last 4 digits of the applicant's ID number or phone, the masked name too.
 */
export function useDossierLookup(code: string, verify: string) {
  return useQuery({
    queryKey: ['dossiers', 'lookup', code, verify],
    queryFn: ({ signal }) =>
      apiGet('/api/dossiers/lookup', DossierLookup, {
        signal,
        query: { code, verify },
      }),
    enabled: code !== '',
    retry: false,
    // Every check of the digits counts against the dossier's tries: never repeated unasked.
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
}

export function useDossierQueue(
  input: { view: string; q: string; page: number },
  enabled: boolean,
) {
  return useQuery({
    queryKey: ['dossiers', 'queue', input],
    queryFn: ({ signal }) =>
      apiGet('/api/officer/dossiers', DossierQueue, {
        signal,
        query: { view: input.view, q: input.q || undefined, page: input.page },
      }),
    enabled,
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}

export function useDossier(code: string) {
  return useQuery({
    queryKey: ['dossiers', 'one', code],
    queryFn: ({ signal }) =>
      apiGet(`/api/dossiers/${encodeURIComponent(code)}`, DossierView, { signal }),
  });
}

/** One action; the key is made once per click so a retried request never acts twice. */
export function useDossierAction(code: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (action: DossierActionRequest) =>
      apiSend('POST', `/api/dossiers/${encodeURIComponent(code)}/actions`, DossierView, action, {
        'idempotency-key': crypto.randomUUID(),
      }),
    onSuccess: (view) => {
      client.setQueryData(['dossiers', 'one', code], view);
      void client.invalidateQueries({ queryKey: ['dossiers', 'queue'] });
    },
  });
}

/** Online filing; one key per filing attempt, so a double tap or a retry files once. */
export function useFileOnline() {
  return useMutation({
    mutationFn: ({ request, key }: { request: FileOnlineRequest; key: string }) =>
      apiSend('POST', '/api/dossiers', DossierView, request, { 'idempotency-key': key }),
  });
}

export function useMyDossiers(enabled: boolean) {
  return useQuery({
    queryKey: ['dossiers', 'mine'],
    queryFn: ({ signal }) => apiGet('/api/my/dossiers', DossierQueue, { signal }),
    enabled,
  });
}

/** Units (phòng) of the agency processing a dossier, for assignment and consultation. */
export function useAgencyUnits(agencyId: string | null, enabled: boolean) {
  return useQuery({
    queryKey: ['dossiers', 'units', agencyId],
    queryFn: ({ signal }) =>
      apiGet('/api/admin/identity/units', UnitList, {
        signal,
        query: { agencyId: agencyId ?? undefined },
      }),
    enabled: enabled && agencyId !== null,
    staleTime: 5 * 60_000,
    retry: false,
  });
}

/** The officers the signed-in leader may see (their unit or agency), for assigning work. */
export function useOfficersInReach(enabled: boolean) {
  return useQuery({
    queryKey: ['dossiers', 'officers'],
    queryFn: ({ signal }) => apiGet('/api/admin/identity/officers', OfficerList, { signal }),
    enabled,
    staleTime: 5 * 60_000,
    retry: false,
  });
}

/** Every agency, for the inter-agency transfer (liên thông) picker. */
export function useAgencies(enabled: boolean) {
  return useQuery({
    queryKey: ['dossiers', 'agencies'],
    queryFn: ({ signal }) => apiGet('/api/agencies', AgencyListResponse, { signal }),
    enabled,
    staleTime: 10 * 60_000,
  });
}

/** Many dossiers to one unit or officer; one key per click. */
export function useBulkAssign() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: BulkAssignRequest) =>
      apiSend('POST', '/api/officer/dossiers/assign', BulkAssignResult, request, {
        'idempotency-key': crypto.randomUUID(),
      }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['dossiers'] }),
  });
}
