import { useTranslation } from 'react-i18next';
import { PaymentsAdmin } from '../../features/payments/components/PaymentsAdmin';
import { useAccess } from '../../features/identity/access';
import { LoadingState } from '../../lib/ui/LoadingState';
import { Page } from '../../lib/ui/Page';
import { SignInNotice } from '../../lib/ui/SignInNotice';
import { paths } from '../paths';

/** Quản trị › Thanh toán: reconciliation, settlement, refunds. */
export function PaymentsAdminPage() {
  const { t } = useTranslation();
  const access = useAccess();
  return (
    <Page title={t('payments.admin.title')} intro={t('payments.admin.intro')}>
      {access.pending ? (
        <LoadingState />
      ) : !access.session ? (
        <SignInNotice signInPath={paths.signIn} message={t('admin.signInNeeded')} />
      ) : (
        <PaymentsAdmin province={access.can('manage', 'Organisation', { everywhere: true })} />
      )}
    </Page>
  );
}
