import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CalendarYearEditor } from '../../features/calendar/components/CalendarYearEditor';
import { usePageTitle } from '../../lib/ui/use-page-title';

export function CalendarAdminPage() {
  const { t } = useTranslation();
  usePageTitle(t('calendar.title'));
  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Title order={1}>{t('calendar.title')}</Title>
        <Text>{t('calendar.intro')}</Text>
      </Stack>
      <CalendarYearEditor />
    </Stack>
  );
}
