import { MinistrySource, type MinistryDossierItem } from '@motcua/contracts';
import {
  Alert,
  Badge,
  Checkbox,
  Group,
  Pagination,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../lib/ui/ErrorAlert';
import { LoadingState } from '../../../lib/ui/LoadingState';
import { SignInNotice } from '../../../lib/ui/SignInNotice';
import { useSession } from '../../identity/api';
import { useMinistryDossiers, type MinistryFilter } from '../api';

const PAGE_SIZE = 25;
const STATUSES = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'] as const;

function formatDate(iso: string | null, locale: string): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(locale, {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(new Date(iso));
}

/**
 * The dossiers of procedures settled on a ministry's system, as that system reported them:
 * read-only (they are handled there), filtered by source, status, agency and lateness.
 */
export function MinistryDossiers({ signInPath }: { signInPath: string }) {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const [filter, setFilter] = useState<MinistryFilter>({ page: 1 });
  const staff =
    session.data !== undefined &&
    session.data !== null &&
    !['citizen', 'business'].includes(session.data.account.kind);
  const list = useMinistryDossiers(filter, staff);
  const set = (change: MinistryFilter) => setFilter((f) => ({ ...f, ...change, page: 1 }));
  const locale = i18n.language === 'en' ? 'en-GB' : 'vi-VN';

  if (session.isPending) return <LoadingState />;
  if (!session.data) return <SignInNotice signInPath={signInPath} message={t('ministry.signIn')} />;
  if (!staff) {
    return (
      <Alert color="yellow" variant="light" role="status">
        {t('ministry.staffOnly')}
      </Alert>
    );
  }

  const row = (d: MinistryDossierItem) => (
    <Table.Tr key={`${d.source}|${d.code}`}>
      <Table.Td>
        <Text size="sm" fw={600} ff="monospace">
          {d.code}
        </Text>
        <Text size="xs" c="dimmed">
          {t(`ministry.sources.${d.source}`)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{d.procedureName}</Text>
        <Text size="xs" c="dimmed">
          {d.agencyName ?? d.agencyCode ?? '—'}
        </Text>
      </Table.Td>
      <Table.Td>{d.applicantName ?? '—'}</Table.Td>
      <Table.Td>
        <Badge variant="light" color={d.statusCode >= 9 ? 'green' : 'blue'}>
          {t(`ministry.status.s${d.statusCode}`, { defaultValue: d.statusLabel })}
        </Badge>
        {d.overdue && (
          <Badge variant="light" color="red" ml={4}>
            {t('ministry.overdue')}
          </Badge>
        )}
      </Table.Td>
      <Table.Td>{formatDate(d.filedAt, locale)}</Table.Td>
      <Table.Td>{formatDate(d.dueAt, locale)}</Table.Td>
      <Table.Td>{formatDate(d.resultAt, locale)}</Table.Td>
    </Table.Tr>
  );

  return (
    <Stack gap="md">
      <Group align="flex-end" wrap="wrap">
        <Select
          label={t('ministry.filters.source')}
          placeholder={t('ministry.filters.all')}
          data={MinistrySource.options.map((s) => ({
            value: s,
            label: t(`ministry.sources.${s}`),
          }))}
          value={filter.source ?? null}
          onChange={(v) => set({ source: v ? MinistrySource.parse(v) : undefined })}
          clearable
        />
        <Select
          label={t('ministry.filters.status')}
          placeholder={t('ministry.filters.all')}
          data={STATUSES.map((s) => ({ value: s, label: `${s}. ${t(`ministry.status.s${s}`)}` }))}
          value={filter.status ? String(filter.status) : null}
          onChange={(v) => set({ status: v ? Number(v) : undefined })}
          clearable
        />
        <TextInput
          label={t('ministry.filters.agency')}
          placeholder="000.01.145.H75"
          defaultValue={filter.agency ?? ''}
          onBlur={(e) => set({ agency: e.currentTarget.value.trim() || undefined })}
        />
        <TextInput
          label={t('ministry.filters.q')}
          defaultValue={filter.q ?? ''}
          onBlur={(e) => set({ q: e.currentTarget.value.trim() || undefined })}
        />
        <Checkbox
          label={t('ministry.filters.overdue')}
          checked={filter.overdue === 'true'}
          onChange={(e) => set({ overdue: e.currentTarget.checked ? 'true' : undefined })}
        />
      </Group>
      <Alert color="gray" variant="light">
        {t('ministry.readOnly')}
      </Alert>
      {list.isPending ? (
        <LoadingState />
      ) : list.isError ? (
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.total === 0 ? (
        <Text c="dimmed">{t('ministry.empty')}</Text>
      ) : (
        <>
          <Text size="sm" role="status">
            {t('ministry.total', { count: list.data.total })}
          </Text>
          <Table.ScrollContainer minWidth={800}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('ministry.columns.code')}</Table.Th>
                  <Table.Th>{t('ministry.columns.procedure')}</Table.Th>
                  <Table.Th>{t('ministry.columns.applicant')}</Table.Th>
                  <Table.Th>{t('ministry.columns.status')}</Table.Th>
                  <Table.Th>{t('ministry.columns.filed')}</Table.Th>
                  <Table.Th>{t('ministry.columns.due')}</Table.Th>
                  <Table.Th>{t('ministry.columns.result')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>{list.data.items.map(row)}</Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {list.data.total > PAGE_SIZE && (
            <Pagination
              total={Math.ceil(list.data.total / PAGE_SIZE)}
              value={filter.page ?? 1}
              onChange={(page) => setFilter((f) => ({ ...f, page }))}
            />
          )}
        </>
      )}
    </Stack>
  );
}
