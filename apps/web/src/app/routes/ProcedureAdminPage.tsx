import { Anchor, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useProcedure } from '../../features/catalog/api';
import { LocalConfigEditor } from '../../features/catalog/components/LocalConfigEditor';
import { ProcedureSearch } from '../../features/catalog/components/ProcedureSearch';
import {
  ProvinceAdminNotice,
  useProvinceAdmin,
} from '../../features/identity/components/ProvinceAdminNotice';
import { ErrorAlert } from '../../lib/ui/ErrorAlert';
import { LoadingState } from '../../lib/ui/LoadingState';
import { Page } from '../../lib/ui/Page';
import { usePageTitle } from '../../lib/ui/use-page-title';
import { paths } from '../paths';

/** Administration: find a procedure, then configure it for this province. */
export function ProcedureAdminListPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('catalogAdmin.title')} intro={t('catalogAdmin.intro')}>
      <ProcedureSearch linkTo={paths.procedureAdmin} />
    </Page>
  );
}

export function ProcedureAdminPage() {
  const { t } = useTranslation();
  const { code = '' } = useParams();
  const procedure = useProcedure(code);
  const { allowed } = useProvinceAdmin();
  usePageTitle(procedure.data?.content.name ?? t('catalogAdmin.title'));
  return (
    <Stack gap="md">
      <Group gap="md">
        <Anchor component={Link} to={paths.proceduresAdmin} size="sm">
          ← {t('catalogAdmin.back')}
        </Anchor>
        <Anchor component={Link} to={paths.procedure(code)} size="sm">
          {t('catalogAdmin.publicPage')}
        </Anchor>
      </Group>
      {procedure.isPending && <LoadingState />}
      {procedure.isError && (
        <ErrorAlert error={procedure.error} onRetry={() => void procedure.refetch()} />
      )}
      {procedure.data && (
        <>
          <Stack gap={4}>
            <Title order={1}>{procedure.data.content.name}</Title>
            <Text size="sm" c="dimmed">
              {t('catalog.code')}: {procedure.data.content.code}
            </Text>
          </Stack>
          <ProvinceAdminNotice signInPath={paths.signIn} />
          {allowed && (
            <LocalConfigEditor key={procedure.data.version.number} detail={procedure.data} />
          )}
        </>
      )}
    </Stack>
  );
}
