import { Alert, Anchor, Button, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { lazy, Suspense } from 'react';
import { Link, useParams } from 'react-router';
import { useProcedure } from '../../features/catalog/api';
import { useSession } from '../../features/identity/api';
import { ErrorAlert } from '../../lib/ui/ErrorAlert';
import { LoadingState } from '../../lib/ui/LoadingState';
import { Page } from '../../lib/ui/Page';
import { paths } from '../paths';

// The filing form carries the e-form checker; public pages load without it.
const OnlineFiling = lazy(() =>
  import('../../features/dossiers/components/OnlineFiling').then((m) => ({
    default: m.OnlineFiling,
  })),
);

/** "Nộp hồ sơ trực tuyến" for one procedure: sign in with VNeID, fill, check, submit. */
export function FilingPage() {
  const { t } = useTranslation();
  const { code = '' } = useParams();
  const procedure = useProcedure(code);
  const session = useSession();
  const title = procedure.data
    ? t('filing.title', { name: procedure.data.content.name })
    : t('filing.titleShort');

  let body;
  if (procedure.isPending || session.isPending) body = <LoadingState />;
  else if (procedure.isError) body = <ErrorAlert error={procedure.error} />;
  else if (procedure.data?.filing.where === 'ministry') {
    body = (
      <Alert color="orange" title={t('catalog.detail.fileMinistry')}>
        <Anchor href={procedure.data.filing.url ?? '#'}>{procedure.data.filing.url}</Anchor>
      </Alert>
    );
  } else if (!session.data || !['citizen', 'business'].includes(session.data.account.kind)) {
    body = (
      <Alert color="blue" title={t('filing.signInTitle')}>
        <Stack gap="xs" align="flex-start">
          <Button
            component="a"
            href={`/api/auth/vneid/start?returnTo=${encodeURIComponent(paths.filing(code))}`}
          >
            {t('filing.signIn')}
          </Button>
        </Stack>
      </Alert>
    );
  } else if (procedure.data) {
    // What the sign-in vouches for prefills the e-form (`x-prefill`): a citizen's VNeID claims,
    // a business's name.
    const claims = { ...session.data.claims, name: session.data.account.displayName };
    body = (
      <Suspense fallback={<LoadingState />}>
        <OnlineFiling detail={procedure.data} claims={claims} />
      </Suspense>
    );
  }

  return (
    <Page
      title={title}
      extra={
        <Anchor component={Link} to={paths.procedure(code)} size="sm">
          ← {t('filing.procedurePage')}
        </Anchor>
      }
    >
      {body}
    </Page>
  );
}
