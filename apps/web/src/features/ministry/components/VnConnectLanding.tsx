import { AgencyListResponse, ProcedureDetail } from '@motcua/contracts';
import { Alert, Anchor, Loader, Group, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { apiGet, isApiError } from '../../../lib/api';
import { useSession } from '../../identity/api';
import { filingPath, filingPlaceOf, PROCEDURE_CODE, readDeepLink } from '../deep-link';

/**
 * Mounted once in the layout: an address from DVCQG (`?vnconnect=1&MaTTHCDP=…`) takes the
 * citizen to the procedure's filing page, through VNeID sign-in when needed (the filing page is
 * the return path, so the sign-in comes back to it), with the receiving place preselected when
 * `MaCoQuanThucHien` is one of our agencies. An unknown code says so, with a link to search.
 */
export function VnConnectLanding() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const link = useMemo(() => readDeepLink(params), [params]);
  const code = link?.procedureCode ?? '';
  const wellFormed = PROCEDURE_CODE.test(code);
  const procedure = useQuery({
    queryKey: ['catalog', 'procedure', code],
    queryFn: ({ signal }) =>
      apiGet(`/api/procedures/${encodeURIComponent(code)}`, ProcedureDetail, { signal }),
    enabled: link !== null && wellFormed,
    retry: false,
  });
  const agencies = useQuery({
    queryKey: ['organisation', 'agencies', 'all-for-deep-link'],
    queryFn: ({ signal }) => apiGet('/api/agencies', AgencyListResponse, { signal }),
    enabled: link?.agencyElectronicId != null,
    staleTime: 5 * 60_000,
  });
  const session = useSession();
  const agenciesSettled = link?.agencyElectronicId == null || !agencies.isPending;

  useEffect(() => {
    if (!link || !procedure.data || !agenciesSettled || session.isPending) return;
    const target = filingPath(
      code,
      filingPlaceOf(link.agencyElectronicId, agencies.data?.items ?? []),
    );
    const applicant = ['citizen', 'business'].includes(session.data?.account.kind ?? '');
    // Filed on a ministry's system: the filing page says where, no sign-in needed here.
    if (applicant || procedure.data.filing.where === 'ministry') {
      void navigate(target, { replace: true });
    } else {
      window.location.assign(`/api/auth/vneid/start?returnTo=${encodeURIComponent(target)}`);
    }
  }, [link, code, procedure.data, agencies.data, agenciesSettled, session, navigate]);

  if (!link) return null;
  const unknown =
    !wellFormed ||
    (procedure.isError && isApiError(procedure.error) && procedure.error.status === 404);
  if (unknown) {
    return (
      <Alert
        color="orange"
        variant="light"
        role="alert"
        title={t('ministry.deepLink.unknownTitle')}
        mb="md"
      >
        <Text size="sm">{t('ministry.deepLink.unknown', { code: code || '—' })}</Text>
        <Anchor
          component={Link}
          to={`/thu-tuc${wellFormed ? `?q=${encodeURIComponent(code)}` : ''}`}
        >
          {t('ministry.deepLink.search')}
        </Anchor>
      </Alert>
    );
  }
  if (procedure.isError) {
    return (
      <Alert color="red" variant="light" role="alert" mb="md">
        {t('ministry.deepLink.failed')}
      </Alert>
    );
  }
  return (
    <Group gap="xs" mb="md" role="status">
      <Loader size="xs" />
      <Text size="sm">{t('ministry.deepLink.redirecting')}</Text>
    </Group>
  );
}
