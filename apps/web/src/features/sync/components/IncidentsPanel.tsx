import { Alert, Anchor, Group, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../lib/ui/ErrorAlert';
import { LoadingState } from '../../../lib/ui/LoadingState';
import { incidentsExportUrl, useSyncIncidents, type IncidentFilter } from '../api';
import { useTargetName } from '../target-name';
import { UnitPeriodPicker, vietnamToday } from './UnitPeriodPicker';

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
          <Table.ScrollContainer minWidth={960}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('sync.code')}</Table.Th>
                  <Table.Th>{t('sync.incidents.procedure')}</Table.Th>
                  <Table.Th>{t('sync.unit')}</Table.Th>
                  <Table.Th>{t('sync.target')}</Table.Th>
                  <Table.Th>{t('sync.incidents.arose')}</Table.Th>
                  <Table.Th>{t('sync.incidents.kind')}</Table.Th>
                  <Table.Th>{t('sync.incidents.message')}</Table.Th>
                  <Table.Th>{t('sync.incidents.ourStatus')}</Table.Th>
                  <Table.Th>{t('sync.incidents.portalStatus')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {incidents.data.items.map((i) => (
                  <Table.Tr key={i.id} data-testid={`incident-${i.code}`}>
                    <Table.Td>{i.code}</Table.Td>
                    <Table.Td>{i.procedureCode ?? '—'}</Table.Td>
                    <Table.Td>{i.agencyName ?? '—'}</Table.Td>
                    <Table.Td>{targetName(i.target)}</Table.Td>
                    <Table.Td>
                      {new Date(i.aroseAt).toLocaleString('vi-VN', {
                        timeZone: 'Asia/Ho_Chi_Minh',
                      })}
                    </Table.Td>
                    <Table.Td>{kindName(i.kind)}</Table.Td>
                    <Table.Td>{i.portalMessage}</Table.Td>
                    <Table.Td>{i.ourStatus ?? '—'}</Table.Td>
                    <Table.Td>{i.portalStatus ?? '—'}</Table.Td>
                    <Table.Td>
                      <Anchor
                        href={`/api/admin/sync/incidents/${i.id}/evidence`}
                        target="_blank"
                        rel="noopener"
                        aria-label={t('sync.incidents.evidenceOf', { code: i.code })}
                      >
                        {t('sync.incidents.evidence')}
                      </Anchor>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Stack>
      )}
    </Stack>
  );
}
