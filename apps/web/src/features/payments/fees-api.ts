import {
  FeeReview,
  FeeSchedule,
  FeeScheduleList,
  ProcedureFees,
  type NewFeeSchedule,
} from '@motcua/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiSend } from '../../lib/api';

/** GET /api/procedures/{code}/fees: what a procedure costs today (public). */
export function useProcedureFees(code: string, agency?: string) {
  return useQuery({
    queryKey: ['fees', 'procedure', code, agency ?? null],
    queryFn: ({ signal }) =>
      apiGet(`/api/procedures/${encodeURIComponent(code)}/fees`, ProcedureFees, {
        signal,
        query: { agency },
      }),
    enabled: code !== '',
    retry: false,
    staleTime: 5 * 60_000,
  });
}

/** Every version of a procedure's schedules (province default and per agency). */
export function useFeeSchedules(procedureCode: string) {
  return useQuery({
    queryKey: ['fees', 'schedules', procedureCode],
    queryFn: ({ signal }) =>
      apiGet('/api/admin/fee-schedules', FeeScheduleList, { signal, query: { procedureCode } }),
    enabled: procedureCode !== '',
    retry: false,
  });
}

/** Seed 002's review: procedures whose fee text gave no usable amount. */
export function useFeeReview(page: number) {
  return useQuery({
    queryKey: ['fees', 'review', page],
    queryFn: ({ signal }) =>
      apiGet('/api/admin/fee-schedules/review', FeeReview, { signal, query: { page } }),
    placeholderData: keepPreviousData,
  });
}

/** A new version; the key is the form's, so a retried save makes one version. */
export function useCreateFeeSchedule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body, key }: { body: NewFeeSchedule; key: string }) =>
      apiSend('POST', '/api/admin/fee-schedules', FeeSchedule, body, { 'idempotency-key': key }),
    onSuccess: (schedule) => {
      void client.invalidateQueries({ queryKey: ['fees', 'schedules', schedule.procedureCode] });
      void client.invalidateQueries({ queryKey: ['fees', 'review'] });
      void client.invalidateQueries({ queryKey: ['fees', 'procedure', schedule.procedureCode] });
    },
  });
}
