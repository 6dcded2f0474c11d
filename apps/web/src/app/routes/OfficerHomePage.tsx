import { Alert, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../lib/ui/use-page-title';

/** Back office entry; the officer workspace arrives with the identity and dossiers modules. */
export function OfficerHomePage() {
  const { t } = useTranslation();
  usePageTitle(t('officer.title'));
  return (
    <Stack gap="md">
      <Title order={1}>{t('officer.title')}</Title>
      <Alert color="blue" variant="light" title={t('officer.notice')}>
        <Text size="sm">{t('officer.body')}</Text>
      </Alert>
    </Stack>
  );
}
