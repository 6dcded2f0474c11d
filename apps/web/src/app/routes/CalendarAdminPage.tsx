import { useTranslation } from 'react-i18next';
import { CalendarYearEditor } from '../../features/calendar/components/CalendarYearEditor';
import {
  ProvinceAdminNotice,
  useProvinceAdmin,
} from '../../features/identity/components/ProvinceAdminNotice';
import { Page } from '../../lib/ui/Page';
import { paths } from '../paths';

export function CalendarAdminPage() {
  const { t } = useTranslation();
  const { allowed } = useProvinceAdmin();
  return (
    <Page title={t('calendar.title')} intro={t('calendar.intro')}>
      <ProvinceAdminNotice signInPath={paths.signIn} />
      <CalendarYearEditor editable={allowed} />
    </Page>
  );
}
