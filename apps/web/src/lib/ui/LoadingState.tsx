import { Group, Loader, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Spinner with a text label, announced politely to screen readers. */
export function LoadingState() {
  const { t } = useTranslation();
  return (
    <Group gap="sm" role="status" aria-live="polite" py="md">
      <Loader size="sm" aria-hidden="true" />
      <Text size="sm">{t('common.loading')}</Text>
    </Group>
  );
}
