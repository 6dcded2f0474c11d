import { Alert, Anchor, Button, Group, Loader, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../lib/ui/ErrorAlert';
import { receiptUrl, usePaymentStatus } from '../api';
import { formatVnDateTime, formatVnd, receiptLabel } from '../format';
import { PayButton } from './PayButton';

/**
 * Back from the platform (`?thanh-toan=<reference>`): the state our server verified (CONFIRM or
 * QUERY), never the return URL's word — GOV.UK Pay's return-then-verify (anchors.md).
 */
export function PaymentResult({ reference, code }: { reference: string; code: string }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const status = usePaymentStatus(reference);
  const state = status.data?.status;
  // Once paid, the dossier has moved on: its status, log and what is due are read again.
  useEffect(() => {
    if (state === 'paid') {
      void client.invalidateQueries({ queryKey: ['dossiers', 'one', code] });
      void client.invalidateQueries({ queryKey: ['payments', 'dossier', code] });
    }
  }, [state, client, code]);

  if (status.isPending) {
    return (
      <Alert color="blue" role="status" title={t('payments.checking')}>
        <Loader size="sm" />
      </Alert>
    );
  }
  if (status.isError)
    return <ErrorAlert error={status.error} onRetry={() => void status.refetch()} />;
  const p = status.data;
  if (p.status === 'paid' || p.status === 'refunded') {
    return (
      <Alert color="green" role="status" title={t('payments.paid')} data-testid="payment-result">
        <Stack gap={4}>
          <Text size="sm">
            {t('payments.amount')}: <strong>{formatVnd(p.amount, i18n.language)}</strong>
          </Text>
          <Text size="sm">
            {t('payments.paidAt')}: <strong>{formatVnDateTime(p.paidAt)}</strong>
          </Text>
          {p.receipt && (
            <Text size="sm">{t('payments.receiptNo', { number: receiptLabel(p.receipt) })}</Text>
          )}
          <Anchor href={p.receipt?.url ?? receiptUrl(reference)} download>
            {t('payments.downloadReceipt')}
          </Anchor>
          {p.status === 'refunded' && <Text size="sm">{t('payments.status.refunded')}</Text>}
        </Stack>
      </Alert>
    );
  }
  if (p.status === 'initiated' || p.status === 'pending') {
    return (
      <Alert
        color="yellow"
        role="status"
        title={t('payments.waitingBank')}
        data-testid="payment-result"
      >
        <Stack gap="xs">
          <Text size="sm">{t('payments.waitingBankHint')}</Text>
          <Group>
            <Button
              size="xs"
              variant="default"
              loading={status.isFetching}
              onClick={() => void status.refetch()}
            >
              {t('payments.checkAgain')}
            </Button>
          </Group>
        </Stack>
      </Alert>
    );
  }
  return (
    <Alert color="red" role="alert" title={t('payments.failed')} data-testid="payment-result">
      <Stack gap="xs">
        <Text size="sm">{t('payments.failedHint')}</Text>
        <PayButton code={code} label={t('payments.retry')} />
      </Stack>
    </Alert>
  );
}
