import { useTranslation } from 'react-i18next';
import { SyncDashboard } from '../../features/sync/components/SyncDashboard';
import { Page } from '../../lib/ui/Page';
import { paths } from '../paths';

export function SyncPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('nav.sync')} intro={t('sync.intro')}>
      <SyncDashboard signInPath={paths.signIn} />
    </Page>
  );
}
