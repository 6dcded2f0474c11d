import {
  ReviewBatch,
  ReviewItemList,
  type LocalConfig,
  type RecordReview,
  ReviewBatchList,
  ReviewProgress,
  RunOnReport,
  ProcedureDetail,
  ProcedureFacetsResponse,
  ProcedureSearchResponse,
  ProcedureVersionList,
  type ProcedureSearchQuery,
} from '@motcua/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiGet, apiSend } from '../../lib/api';

export type SearchInput = Partial<Omit<ProcedureSearchQuery, 'page' | 'pageSize'>> & {
  page: number;
  pageSize?: number;
};

/** GET /api/procedures — accent-insensitive search with filters. */
export function useProcedureSearch(input: SearchInput) {
  return useQuery({
    queryKey: ['catalog', 'search', input],
    queryFn: ({ signal }) =>
      apiGet('/api/procedures', ProcedureSearchResponse, {
        signal,
        query: {
          q: input.q || undefined,
          field: input.field || undefined,
          level: input.level || undefined,
          onlineLevel: input.onlineLevel,
          runOn: input.runOn,
          page: input.page,
          pageSize: input.pageSize ?? 20,
        },
      }),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

export function useProcedureFacets() {
  return useQuery({
    queryKey: ['catalog', 'facets'],
    queryFn: ({ signal }) => apiGet('/api/procedures/facets', ProcedureFacetsResponse, { signal }),
    staleTime: 10 * 60_000,
  });
}

/** GET /api/procedures/{code} — everything a citizen needs before filing. */
export function useProcedure(code: string) {
  return useQuery({
    queryKey: ['catalog', 'procedure', code],
    queryFn: ({ signal }) =>
      apiGet(`/api/procedures/${encodeURIComponent(code)}`, ProcedureDetail, { signal }),
    staleTime: 60_000,
  });
}

/** GET /api/procedures/{code}/versions — where the current text came from (national or edit). */
export function useProcedureVersions(code: string) {
  return useQuery({
    queryKey: ['catalog', 'procedure', code, 'versions'],
    queryFn: ({ signal }) =>
      apiGet(`/api/procedures/${encodeURIComponent(code)}/versions`, ProcedureVersionList, {
        signal,
      }),
    staleTime: 60_000,
  });
}

/** Every published procedure of a level, page by page: the printable listing needs them all. */
export function useAllProcedures(level: string) {
  return useQuery({
    queryKey: ['catalog', 'all', level],
    queryFn: async ({ signal }) => {
      const pageSize = 100;
      const first = await apiGet('/api/procedures', ProcedureSearchResponse, {
        signal,
        query: { level: level || undefined, page: 1, pageSize },
      });
      const items = [...first.items];
      for (let page = 2; (page - 1) * pageSize < first.total; page += 1) {
        const next = await apiGet('/api/procedures', ProcedureSearchResponse, {
          signal,
          query: { level: level || undefined, page, pageSize },
        });
        items.push(...next.items);
      }
      return items;
    },
    staleTime: 5 * 60_000,
  });
}

export function useRunOnReport() {
  return useQuery({
    queryKey: ['catalog', 'reports', 'run-on'],
    queryFn: ({ signal }) => apiGet('/api/catalog/reports/run-on', RunOnReport, { signal }),
  });
}

/** The review rounds: officers only, so asked for once the session says it is one. */
export function useReviewBatches(enabled: boolean) {
  return useQuery({
    queryKey: ['catalog', 'reviews'],
    queryFn: ({ signal }) => apiGet('/api/catalog/reviews', ReviewBatchList, { signal }),
    enabled,
  });
}

/** Live progress of a review round, refreshed every 30 s while the page is open. */
export function useReviewProgress(batchId: number | null) {
  return useQuery({
    queryKey: ['catalog', 'reviews', batchId, 'progress'],
    queryFn: ({ signal }) =>
      apiGet(`/api/catalog/reviews/${batchId}/progress`, ReviewProgress, { signal }),
    enabled: batchId !== null,
    refetchInterval: 30_000,
  });
}

/** PUT the province's configuration of a procedure (administration). */
export function useUpdateLocalConfig(code: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (config: LocalConfig) =>
      apiSend('PUT', `/api/admin/procedures/${code}/local-config`, ProcedureDetail, config),
    onSuccess: (detail) => {
      client.setQueryData(['catalog', 'procedure', code], detail);
      void client.invalidateQueries({ queryKey: ['catalog', 'reports'] });
    },
  });
}

export function useReviewItems(batchId: number | null, departmentId: string | null) {
  return useQuery({
    queryKey: ['catalog', 'reviews', batchId, 'items', departmentId],
    queryFn: ({ signal }) =>
      apiGet(`/api/catalog/reviews/${batchId}/items`, ReviewItemList, {
        signal,
        query: { department: departmentId ?? undefined, pending: 'true' },
      }),
    enabled: batchId !== null && departmentId !== null,
  });
}

export function useCreateReviewBatch() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (name: string) =>
      apiSend('POST', '/api/admin/catalog/reviews', ReviewBatch, { name }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['catalog', 'reviews'] }),
  });
}

export function useRecordReview(batchId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ code, review }: { code: string; review: RecordReview }) =>
      apiSend('PUT', `/api/admin/catalog/reviews/${batchId}/items/${code}`, z.undefined(), review),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['catalog', 'reviews', batchId] }),
  });
}
