import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { SignInNotice } from '../../../lib/ui/SignInNotice';
import { useSession } from '../api';

/**
 * Whether the signed-in account may change province-wide settings (catalogue, calendar): the
 * API allows it to the province administrator role only, so the pages offer it to no one else.
 */
export function useProvinceAdmin() {
  const session = useSession();
  const allowed = session.data?.roles.some((r) => r.role === 'province_admin') ?? false;
  return { session, allowed };
}

/** Why the changes are not offered: signed out (with the way in), or the role is missing. */
export function ProvinceAdminNotice({ signInPath }: { signInPath: string }) {
  const { t } = useTranslation();
  const { session, allowed } = useProvinceAdmin();
  if (session.isPending || allowed) return null;
  if (!session.data) {
    return <SignInNotice signInPath={signInPath} message={t('common.adminSignIn')} />;
  }
  return (
    <Alert color="yellow" variant="light" role="status">
      {t('common.adminRoleMissing')}
    </Alert>
  );
}
