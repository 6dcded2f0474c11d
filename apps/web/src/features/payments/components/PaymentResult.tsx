import { Anchor, Button, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../lib/ui/ErrorAlert';
import { receiptUrl, usePaymentStatus } from '../api';
import { formatVnDateTime, formatVnd, receiptLabel } from '../format';
import { PayButton } from './PayButton';

/**
 * One state: a bordered card whose heading carries the colour, in shades that keep 4.5:1 on
 * white (Mantine's light alerts give 3.8:1 for a green title, and links on them 4.4:1).
 */
function StateCard({
  color,
  title,
  alert = false,
  children,
}: {
  color: 'teal.9' | 'blue.8' | 'red.9';
  title: string;
  alert?: boolean;
  children?: ReactNode;
}) {
  return (
    <Card
      withBorder
      role={alert ? 'alert' : 'status'}
      data-testid="payment-result"
      style={{ borderColor: `var(--mantine-color-${color.replace('.', '-')})`, borderWidth: 2 }}
    >
      <Stack gap="xs">
        <Title order={2} size="h4" c={color}>
          {title}
        </Title>
        {children}
      </Stack>
    </Card>
  );
}

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
      <StateCard color="blue.8" title={t('payments.checking')}>
        <Loader size="sm" />
      </StateCard>
    );
  }
  if (status.isError) {
    return <ErrorAlert error={status.error} onRetry={() => void status.refetch()} />;
  }
  const p = status.data;
  if (p.status === 'paid' || p.status === 'refunded') {
    return (
      <StateCard color="teal.9" title={t('payments.paid')}>
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
      </StateCard>
    );
  }
  if (p.status === 'initiated' || p.status === 'pending') {
    return (
      <StateCard color="blue.8" title={t('payments.waitingBank')}>
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
      </StateCard>
    );
  }
  return (
    <StateCard color="red.9" title={t('payments.failed')} alert>
      <Text size="sm">{t('payments.failedHint')}</Text>
      <PayButton code={code} label={t('payments.retry')} />
    </StateCard>
  );
}
