import { Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { HealthPanel } from '../../features/system/components/HealthPanel';
import { usePageTitle } from '../../lib/ui/use-page-title';

export function SystemStatusPage() {
  const { t } = useTranslation();
  usePageTitle(t('system.title'));
  return (
    <Stack gap="lg">
      <Title order={1}>{t('system.title')}</Title>
      <HealthPanel />
    </Stack>
  );
}
