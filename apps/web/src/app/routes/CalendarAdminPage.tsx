import { useTranslation } from 'react-i18next';
import { CalendarYearEditor } from '../../features/calendar/components/CalendarYearEditor';
import { Page } from '../../lib/ui/Page';

export function CalendarAdminPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('calendar.title')} intro={t('calendar.intro')}>
      <CalendarYearEditor />
    </Page>
  );
}
