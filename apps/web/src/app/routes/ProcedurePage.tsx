import { Anchor, Stack } from '@mantine/core';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useProcedure } from '../../features/catalog/api';
import { ProcedureDetailView } from '../../features/catalog/components/ProcedureDetailView';
import { ErrorAlert } from '../../lib/ui/ErrorAlert';
import { LoadingState } from '../../lib/ui/LoadingState';
import { usePageTitle } from '../../lib/ui/use-page-title';
import { paths } from '../paths';

const WARD_PARAM = 'phuong';
const WARD_KEY = 'motcua.ward';
const WARD_CODE = /^\d{5}$/;

function storedWard(): string | null {
  try {
    const value = window.localStorage.getItem(WARD_KEY);
    return value !== null && WARD_CODE.test(value) ? value : null;
  } catch {
    return null;
  }
}

/**
 * The citizen's ward (administrative unit code): from the link first, so a shared page shows the
 * same office, else the one chosen last time on this device.
 */
function useWard(): [string | null, (code: string | null) => void] {
  const [params, setParams] = useSearchParams();
  const fromUrl = params.get(WARD_PARAM);
  const [remembered, setRemembered] = useState(storedWard);
  const ward = fromUrl !== null && WARD_CODE.test(fromUrl) ? fromUrl : remembered;
  const choose = useCallback(
    (code: string | null) => {
      setRemembered(code);
      try {
        if (code === null) window.localStorage.removeItem(WARD_KEY);
        else window.localStorage.setItem(WARD_KEY, code);
      } catch {
        // Private browsing without storage: the URL still carries the choice.
      }
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          if (code === null) next.delete(WARD_PARAM);
          else next.set(WARD_PARAM, code);
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );
  return [ward, choose];
}

export function ProcedurePage() {
  const { t } = useTranslation();
  const { code = '' } = useParams();
  const procedure = useProcedure(code);
  const [ward, setWard] = useWard();
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
      {procedure.data && (
        <ProcedureDetailView detail={procedure.data} ward={ward} onWardChange={setWard} />
      )}
    </Stack>
  );
}
