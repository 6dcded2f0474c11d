import { Alert, Anchor, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../lib/ui/ErrorAlert';
import { LoadingState } from '../../../lib/ui/LoadingState';
import { incidentsExportUrl, useSyncIncidents, type IncidentFilter } from '../api';
import { useTargetName } from '../target-name';
import { UnitPeriodPicker, vietnamToday } from './UnitPeriodPicker';
import { SyncTable } from './SyncTable';

/**
 * Hồ sơ lỗi: the error dossiers of a period and unit, as the report the Sở KH&CN sends to the
 * national help desk the day they arise (seed 002), each with its evidence sheet.
 */
export function IncidentsPanel() {
  const { t } = useTranslation();
  const targetName = useTargetName();
  const today = vietnamToday();
  const [draft, setDraft] = useState<IncidentFilter>({ from: today, to: today, agencyId: null });
  const [filter, setFilter] = useState<IncidentFilter>(draft);
  const backwards = draft.from !== '' && draft.to !== '' && draft.from > draft.to;
  const incidents = useSyncIncidents(filter, true);
  const kindName = (kind: string) =>
    kind === 'dead_letter' || kind === 'payload'
      ? t(`sync.incidents.kinds.${kind}`)
      : t(`sync.kinds.${kind}`, { defaultValue: kind });

  return (
    <Stack gap="md">
      <Text size="sm">{t('sync.incidents.intro')}</Text>
      <UnitPeriodPicker
        value={draft}
        onChange={setDraft}
        action={t('sync.incidents.show')}
        onAction={() => !backwards && setFilter(draft)}
        error={backwards ? t('sync.reconcile.fromAfterTo') : null}
      />
      {incidents.isPending ? (
        <LoadingState />
      ) : incidents.isError ? (
        <ErrorAlert error={incidents.error} onRetry={() => void incidents.refetch()} />
      ) : incidents.data.items.length === 0 ? (
        <Alert color="gray" variant="light">
          {t('sync.incidents.none')}
        </Alert>
      ) : (
        <Stack gap="sm" data-testid="incidents">
          <Group justify="space-between" wrap="wrap">
            <Text size="sm" fw={500}>
              {t('sync.incidents.count', { count: incidents.data.items.length })}
            </Text>
            <Anchor href={incidentsExportUrl(filter)} download>
              {t('sync.exportXlsx')}
            </Anchor>
          </Group>
          <SyncTable
            minWidth={960}
            rows={incidents.data.items}
            rowKey={(i) => i.id}
            rowTestId={(i) => `incident-${i.code}`}
            columns={[
              { header: t('sync.code'), cell: (i) => i.code },
              { header: t('sync.incidents.procedure'), cell: (i) => i.procedureCode ?? '—' },
              { header: t('sync.unit'), cell: (i) => i.agencyName ?? '—' },
              { header: t('sync.target'), cell: (i) => targetName(i.target) },
              {
                header: t('sync.incidents.arose'),
                cell: (i) =>
                  new Date(i.aroseAt).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' }),
              },
              { header: t('sync.incidents.kind'), cell: (i) => kindName(i.kind) },
              { header: t('sync.incidents.message'), cell: (i) => i.portalMessage },
              { header: t('sync.incidents.ourStatus'), cell: (i) => i.ourStatus ?? '—' },
              { header: t('sync.incidents.portalStatus'), cell: (i) => i.portalStatus ?? '—' },
              {
                header: '',
                cell: (i) => (
                  <Anchor
                    href={`/api/admin/sync/incidents/${i.id}/evidence`}
                    target="_blank"
                    rel="noopener"
                    aria-label={t('sync.incidents.evidenceOf', { code: i.code })}
                  >
                    {t('sync.incidents.evidence')}
                  </Anchor>
                ),
              },
            ]}
          />
        </Stack>
      )}
    </Stack>
  );
}
