import { Anchor, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useProcedure } from '../../features/catalog/api';
import { ProcedureDetailView } from '../../features/catalog/components/ProcedureDetailView';
import { ErrorAlert } from '../../lib/ui/ErrorAlert';
import { LoadingState } from '../../lib/ui/LoadingState';
import { usePageTitle } from '../../lib/ui/use-page-title';
import { paths } from '../paths';

export function ProcedurePage() {
  const { t } = useTranslation();
  const { code = '' } = useParams();
  const procedure = useProcedure(code);
  usePageTitle(procedure.data?.content.name ?? t('catalog.title'));
  return (
    <Stack gap="md">
      <Anchor component={Link} to={paths.procedures} size="sm" className="no-print">
        ← {t('catalog.detail.back')}
      </Anchor>
      {procedure.isPending && <LoadingState />}
      {procedure.isError && (
        <ErrorAlert error={procedure.error} onRetry={() => void procedure.refetch()} />
      )}
      {procedure.data && <ProcedureDetailView detail={procedure.data} />}
    </Stack>
  );
}
