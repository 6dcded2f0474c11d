import { Card, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useDossierPayments } from '../api';
import { formatVnd } from '../format';
import { FeeItems } from './FeeItems';
import { PayButton } from './PayButton';

/**
 * What the citizen owes on a dossier (status 6, or a fee due at filing): the amount, the items
 * with their basis, and "Thanh toán". Nothing when nothing is due.
 */
export function PaymentDue({
  code,
  headingLevel = 2,
  enabled = true,
}: {
  code: string;
  headingLevel?: 2 | 3;
  enabled?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const payments = useDossierPayments(code, enabled);
  const due = payments.data?.due;
  if (!payments.data || !due) return null;
  const headingId = `payment-due-${code}`;
  return (
    <Card withBorder component="section" aria-labelledby={headingId} data-testid="payment-due">
      <Stack gap="sm">
        <Title order={headingLevel} size="h4" id={headingId}>
          {t('payments.dueTitle')}
        </Title>
        <Text size="lg" fw={700}>
          {formatVnd(due.amount, i18n.language)}
        </Text>
        <FeeItems items={due.items} total={due.amount} />
        {payments.data.onlineEnabled ? (
          <>
            <PayButton code={code} />
            <Text size="xs" c="dimmed">
              {t('payments.payHint')}
            </Text>
          </>
        ) : (
          <Text size="sm">{t('payments.payAtCounter')}</Text>
        )}
      </Stack>
    </Card>
  );
}
