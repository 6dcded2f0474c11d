import { AdminUnitListResponse, SuccessorResponse } from '@motcua/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../lib/api';

/** GET /api/admin-units?province=… — current communes, wards and special zones of a province. */
export function useAdminUnits(provinceCode: string, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ['geography', 'admin-units', provinceCode],
    queryFn: ({ signal }) =>
      apiGet('/api/admin-units', AdminUnitListResponse, {
        signal,
        query: { province: provinceCode },
      }),
    enabled: options.enabled ?? true,
    // The administrative map changes by resolution, not by the minute.
    staleTime: 60 * 60_000,
  });
}

/** Shortest name the API accepts for a successor look-up (SuccessorQuery.q). */
export const SUCCESSOR_QUERY_MIN_LENGTH = 2;

/** GET /api/admin-units/successors?q=…&province=… — which current unit a former unit belongs to. */
export function useSuccessors(name: string, provinceCode: string) {
  const q = name.trim();
  return useQuery({
    queryKey: ['geography', 'successors', provinceCode, q],
    queryFn: ({ signal }) =>
      apiGet('/api/admin-units/successors', SuccessorResponse, {
        signal,
        query: { q, province: provinceCode },
      }),
    enabled: q.length >= SUCCESSOR_QUERY_MIN_LENGTH,
    staleTime: 60 * 60_000,
    placeholderData: keepPreviousData,
  });
}
