import { useTranslation } from 'react-i18next';
import { FeesAdmin } from '../../features/payments/components/FeesAdmin';
import { useAccess } from '../../features/identity/access';
import { LoadingState } from '../../lib/ui/LoadingState';
import { Page } from '../../lib/ui/Page';
import { SignInNotice } from '../../lib/ui/SignInNotice';
import { paths } from '../paths';

/** Quản trị › Phí, lệ phí: the fee schedules (the catalogue administrators' data). */
export function FeesAdminPage() {
  const { t } = useTranslation();
  const access = useAccess();
  return (
    <Page title={t('payments.fees.title')} intro={t('payments.fees.intro')}>
      {access.pending ? (
        <LoadingState />
      ) : !access.session ? (
        <SignInNotice signInPath={paths.signIn} message={t('admin.signInNeeded')} />
      ) : (
        <FeesAdmin />
      )}
    </Page>
  );
}
