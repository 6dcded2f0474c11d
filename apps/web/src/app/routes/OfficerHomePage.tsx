import { Alert, Anchor } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { OfficerDossier } from '../../features/dossiers/components/OfficerDossier';
import { OfficerQueue } from '../../features/dossiers/components/OfficerQueue';
import { accessOf } from '../../features/identity/access';
import { useSession } from '../../features/identity/api';
import { LoadingState } from '../../lib/ui/LoadingState';
import { Page } from '../../lib/ui/Page';
import { paths } from '../paths';

function SignInFirst() {
  const { t } = useTranslation();
  return (
    <Alert color="blue" variant="light" title={t('officerDesk.signInTitle')}>
      <Anchor component={Link} to={paths.signIn}>
        {t('officerDesk.signIn')}
      </Anchor>
    </Alert>
  );
}

/** Back office: the work queue of the signed-in officer. */
export function OfficerHomePage() {
  const { t } = useTranslation();
  const session = useSession();
  const access = accessOf(session.data ?? null);
  return (
    <Page
      title={t('officer.title')}
      intro={t('officerDesk.intro')}
      extra={
        // Counter intake only for those who receive dossiers (the API refuses the others).
        access.can('receive', 'Dossier') && (
          <Anchor component={Link} to={paths.intake}>
            {t('intake.title')}
          </Anchor>
        )
      }
    >
      {session.isPending ? (
        <LoadingState />
      ) : session.data ? (
        <OfficerQueue
          agencyId={session.data.memberships[0]?.agencyId ?? null}
          canAssign={session.data.roles.some(
            (r) => r.role === 'unit_leader' || r.role === 'agency_leader',
          )}
        />
      ) : (
        <SignInFirst />
      )}
    </Page>
  );
}

export function OfficerDossierPage() {
  const { code = '' } = useParams();
  const session = useSession();
  if (session.isPending) return <LoadingState />;
  return session.data ? <OfficerDossier code={code} /> : <SignInFirst />;
}
