import { useTranslation } from 'react-i18next';
import { MinistryDossiers } from '../../features/ministry/components/MinistryDossiers';
import { Page } from '../../lib/ui/Page';
import { paths } from '../paths';

/** "Hồ sơ xử lý trên hệ thống của bộ, ngành": read-only, for officers (issue 16 item 5). */
export function MinistryDossiersPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('ministry.title')} intro={t('ministry.intro')}>
      <MinistryDossiers signInPath={paths.signIn} />
    </Page>
  );
}
