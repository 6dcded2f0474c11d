import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ProcedureListing } from '../../features/catalog/components/ProcedureListing';
import { usePageTitle } from '../../lib/ui/use-page-title';

export function ProcedureListingPage() {
  const { t } = useTranslation();
  usePageTitle(t('catalog.listingPage.title'));
  return (
    <Stack gap="lg">
      <Stack gap="xs" className="no-print">
        <Title order={1}>{t('catalog.listingPage.title')}</Title>
        <Text>{t('catalog.listingPage.intro')}</Text>
      </Stack>
      <ProcedureListing />
    </Stack>
  );
}
