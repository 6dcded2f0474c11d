import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AgencyDirectory } from '../../features/organisation/components/AgencyDirectory';
import { usePageTitle } from '../../lib/ui/use-page-title';

export function AgenciesPage() {
  const { t } = useTranslation();
  usePageTitle(t('agencies.title'));
  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Title order={1}>{t('agencies.title')}</Title>
        <Text>{t('agencies.intro')}</Text>
      </Stack>
      <AgencyDirectory />
    </Stack>
  );
}
