import { AgencyListResponse, type AgencyKind } from '@motcua/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../lib/api';

export interface AgencyFilter {
  kind?: AgencyKind | undefined;
  q?: string | undefined;
}

/** GET /api/agencies with optional `kind` filter and `q` search. */
export function useAgencies(filter: AgencyFilter) {
  const q = filter.q?.trim() ?? '';
  return useQuery({
    queryKey: ['organisation', 'agencies', filter.kind ?? null, q],
    queryFn: ({ signal }) =>
      apiGet('/api/agencies', AgencyListResponse, {
        signal,
        query: { kind: filter.kind, q },
      }),
    staleTime: 5 * 60_000,
    placeholderData: keepPreviousData,
  });
}
