import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PaymentItem } from '../api';
import { formatVnd } from '../format';

/** The fee (phí) and charge (lệ phí) lines of an amount, each with its legal basis. */
export function FeeItems({ items, total }: { items: readonly PaymentItem[]; total?: number }) {
  const { t, i18n } = useTranslation();
  return (
    <Stack gap={6} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
      {items.map((item, i) => (
        <li key={`${item.code ?? item.name}-${i}`}>
          <Text size="sm">
            <strong>{t(`payments.kinds.${item.kind}`)}</strong>: {item.name} —{' '}
            <strong>{formatVnd(item.amount, i18n.language)}</strong>
          </Text>
          {item.basis && (
            <Text size="xs" c="dimmed">
              {t('payments.basis', { basis: item.basis })}
            </Text>
          )}
        </li>
      ))}
      {total !== undefined && items.length > 1 && (
        <li>
          <Text size="sm" fw={700}>
            {t('payments.total')}: {formatVnd(total, i18n.language)}
          </Text>
        </li>
      )}
    </Stack>
  );
}
