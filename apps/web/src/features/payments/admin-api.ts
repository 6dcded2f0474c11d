import {
  PaymentMismatch,
  PaymentMismatchList,
  PaymentReconciliation,
  RefundList,
  Settlement,
} from '@motcua/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiSend } from '../../lib/api';

const base = '/api/admin/payments';

/** Reconciles one Vietnam day now (the nightly job does yesterday by itself). */
export function useRunPaymentReconciliation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (date: string) =>
      apiSend('POST', `${base}/reconciliations`, PaymentReconciliation, { date }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['payments', 'mismatches'] }),
  });
}

/** The mismatch queue: open ones to resolve, or those resolved with their reason. */
export function usePaymentMismatches(status: 'open' | 'resolved') {
  return useQuery({
    queryKey: ['payments', 'mismatches', status],
    queryFn: ({ signal }) =>
      apiGet(`${base}/mismatches`, PaymentMismatchList, { signal, query: { status } }),
    placeholderData: keepPreviousData,
  });
}

export function useResolveMismatch() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      apiSend('POST', `${base}/mismatches/${encodeURIComponent(id)}/resolve`, PaymentMismatch, {
        reason,
      }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['payments', 'mismatches'] }),
  });
}

export interface SettlementFilter {
  from: string;
  to: string;
  agencyId: string | null;
}

export const settlementQuery = (f: SettlementFilter) => ({
  from: f.from,
  to: f.to,
  agencyId: f.agencyId ?? undefined,
});

/** The settlement URL of a format (the downloads are plain links: the browser saves the file). */
export function settlementUrl(f: SettlementFilter, format: 'xlsx' | 'pdf'): string {
  const q = new URLSearchParams({ from: f.from, to: f.to, format });
  if (f.agencyId) q.set('agencyId', f.agencyId);
  return `${base}/settlement?${q.toString()}`;
}

export function useSettlement(filter: SettlementFilter | null) {
  return useQuery({
    queryKey: ['payments', 'settlement', filter],
    queryFn: ({ signal }) =>
      apiGet(`${base}/settlement`, Settlement, {
        signal,
        query: filter ? settlementQuery(filter) : {},
      }),
    enabled: filter !== null,
    retry: false,
  });
}

export function useRefunds(enabled: boolean) {
  return useQuery({
    queryKey: ['payments', 'refunds'],
    queryFn: ({ signal }) => apiGet(`${base}/refunds`, RefundList, { signal }),
    enabled,
  });
}
