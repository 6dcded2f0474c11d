import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ReviewDashboard } from '../../features/catalog/components/ReviewDashboard';
import { usePageTitle } from '../../lib/ui/use-page-title';

export function CatalogReviewPage() {
  const { t } = useTranslation();
  usePageTitle(t('review.title'));
  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Title order={1}>{t('review.title')}</Title>
        <Text>{t('review.intro')}</Text>
      </Stack>
      <ReviewDashboard />
    </Stack>
  );
}
