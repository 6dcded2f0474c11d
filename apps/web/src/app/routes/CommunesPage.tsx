import { Card, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CommuneList } from '../../features/geography/components/CommuneList';
import { SuccessorLookup } from '../../features/geography/components/SuccessorLookup';
import { useAdminUnits } from '../../features/geography/api';
import { useDeployedProvince } from '../../features/system/api';
import { ErrorAlert } from '../../lib/ui/ErrorAlert';
import { LoadingState } from '../../lib/ui/LoadingState';
import { usePageTitle } from '../../lib/ui/use-page-title';

/** The deployed province's current communes and wards, plus the former-unit look-up. */
export function CommunesPage() {
  const { t } = useTranslation();
  usePageTitle(t('communes.title'));
  const province = useDeployedProvince();
  const units = useAdminUnits(province.code, { enabled: !province.isPending });

  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Title order={1}>{t('communes.title')}</Title>
        <Text>
          {t('communes.intro', { province: province.name ?? t('home.provinceFallback') })}
        </Text>
      </Stack>
      <Card withBorder component="section" aria-labelledby="successor-heading">
        <Stack gap="xs">
          <Title order={2} size="h3" id="successor-heading">
            {t('successors.heading')}
          </Title>
          <Text size="sm">{t('successors.intro')}</Text>
          <SuccessorLookup provinceCode={province.code} />
        </Stack>
      </Card>
      <section aria-labelledby="units-heading">
        <Title order={2} size="h3" id="units-heading" mb="sm">
          {t('communes.listHeading')}
        </Title>
        {(province.isPending || units.isPending) && <LoadingState />}
        {units.isError && <ErrorAlert error={units.error} onRetry={() => void units.refetch()} />}
        {units.data !== undefined && <CommuneList units={units.data.items} />}
      </section>
    </Stack>
  );
}
