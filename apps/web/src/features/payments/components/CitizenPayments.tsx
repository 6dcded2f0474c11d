import { Anchor, Card, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { receiptUrl, useDossierPayments } from '../api';
import { formatVnDateTime, formatVnd, receiptLabel } from '../format';

/** The citizen's paid fees on a dossier, each with its e-receipt (biên lai điện tử). */
export function CitizenPayments({ code }: { code: string }) {
  const { t, i18n } = useTranslation();
  const payments = useDossierPayments(code);
  const paid = (payments.data?.items ?? []).filter(
    (p) => p.status === 'paid' || p.status === 'refunded',
  );
  if (paid.length === 0) return null;
  return (
    <Card withBorder component="section" aria-labelledby="citizen-payments">
      <Stack gap="xs">
        <Title order={2} size="h4" id="citizen-payments">
          {t('payments.paidTitle')}
        </Title>
        {paid.map((p) => (
          <Stack key={p.reference} gap={2}>
            <Text size="sm">
              <strong>{formatVnd(p.amount, i18n.language)}</strong> ·{' '}
              {t(`payments.methods.${p.method}`)} · {formatVnDateTime(p.paidAt)} ·{' '}
              {t(`payments.status.${p.status}`)}
            </Text>
            {p.receipt && p.receipt.status === 'issued' && (
              <Anchor href={p.receipt.url || receiptUrl(p.reference)} download size="sm">
                {/* The platform's e-receipt carries its own number inside the PDF. */}
                {p.receipt.series === null && p.receipt.number === null
                  ? t('payments.downloadReceipt')
                  : t('payments.downloadReceiptNo', { number: receiptLabel(p.receipt) })}
              </Anchor>
            )}
          </Stack>
        ))}
      </Stack>
    </Card>
  );
}
