import { useTranslation } from 'react-i18next';
import { PermissionAuditTable } from '../../features/identity/components/PermissionAuditTable';
import { Page } from '../../lib/ui/Page';

export function PermissionAuditPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('accountsAdmin.auditTitle')} intro={t('accountsAdmin.auditIntro')}>
      <PermissionAuditTable />
    </Page>
  );
}
