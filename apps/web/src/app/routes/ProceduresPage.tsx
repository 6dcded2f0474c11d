import { Anchor, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ProcedureSearch } from '../../features/catalog/components/ProcedureSearch';
import { usePageTitle } from '../../lib/ui/use-page-title';
import { paths } from '../paths';

export function ProceduresPage() {
  const { t } = useTranslation();
  usePageTitle(t('catalog.title'));
  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Title order={1}>{t('catalog.title')}</Title>
        <Text>{t('catalog.intro')}</Text>
        <Group>
          <Anchor component={Link} to={paths.listing} size="sm">
            {t('catalog.listing')}
          </Anchor>
        </Group>
      </Stack>
      <ProcedureSearch />
    </Stack>
  );
}
