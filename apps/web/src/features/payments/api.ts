import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import {
  DossierPayments,
  PaymentDetail,
  PaymentView,
  ReceiptView,
  StartPaymentResult,
  type PaymentStatus,
} from '@motcua/contracts';
import { apiGet, apiSend } from '../../lib/api';

export type { PaymentItem, PaymentView, PaymentMethod } from '@motcua/contracts';
export type PaymentStatusName = PaymentStatus;

const dossierPath = (code: string) => `/api/dossiers/${encodeURIComponent(code)}/payments`;

/** What is due on a dossier and the payments made for it (the applicant, officers in scope). */
export function useDossierPayments(code: string, enabled = true) {
  return useQuery({
    queryKey: ['payments', 'dossier', code],
    queryFn: ({ signal }) => apiGet(dossierPath(code), DossierPayments, { signal }),
    enabled: enabled && code !== '',
    retry: false,
  });
}

/**
 * "Thanh toán": INIT through our API, then the browser goes to the platform's page. One
 * Idempotency-Key per click-session: a double click (or a retry of a lost answer) while it is
 * pending sends the same key, so the server opens one payment; a failure drops the key, and the
 * next "Thử lại" is a new attempt.
 */
export function useStartPayment(code: string) {
  const key = useRef<string | null>(null);
  const mutation = useMutation({
    mutationFn: () => {
      key.current ??= crypto.randomUUID();
      return apiSend('POST', dossierPath(code), StartPaymentResult, undefined, {
        'idempotency-key': key.current,
      });
    },
    onSuccess: (started) => window.location.assign(started.payUrl),
    onError: () => {
      key.current = null;
    },
  });
  return mutation;
}

/**
 * The verified state of one payment (never what the return URL says). While the bank has not
 * confirmed, asks again every 3 s, up to `polls` times; after that the page offers a refresh.
 */
export function usePaymentStatus(reference: string | null, polls = 6) {
  return useQuery({
    queryKey: ['payments', 'one', reference],
    queryFn: ({ signal }) =>
      apiGet(`/api/payments/${encodeURIComponent(reference ?? '')}`, PaymentDetail, { signal }),
    enabled: reference !== null && reference !== '',
    retry: false,
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      const waiting = status === 'initiated' || status === 'pending';
      return waiting && query.state.dataUpdateCount < polls ? 3_000 : false;
    },
  });
}

export const receiptUrl = (reference: string) =>
  `/api/payments/${encodeURIComponent(reference)}/receipt`;

/** A payment taken at the counter (cash, card, QR transfer); our receipt is issued with it. */
export function useCounterPayment(code: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { method: 'cash' | 'card' | 'qr'; amount: number; key: string }) =>
      apiSend(
        'POST',
        `${dossierPath(code)}/counter`,
        PaymentView,
        { method: input.method, amount: input.amount },
        { 'idempotency-key': input.key },
      ),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['payments', 'dossier', code] });
      void client.invalidateQueries({ queryKey: ['dossiers', 'one', code] });
    },
  });
}

/** Cancels or reissues a receipt, with the reason the log keeps (receipts are never deleted). */
export function useReceiptAction(code: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: string; action: 'cancel' | 'reissue'; reason: string }) =>
      apiSend(
        'POST',
        `/api/receipts/${encodeURIComponent(input.id)}/${input.action}`,
        ReceiptView,
        { reason: input.reason },
        { 'idempotency-key': crypto.randomUUID() },
      ),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['payments', 'dossier', code] }),
  });
}
