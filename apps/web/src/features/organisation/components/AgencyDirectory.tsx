import { AgencyKind, type Agency } from '@motcua/contracts';
import { Badge, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../lib/ui/ErrorAlert';
import { LoadingState } from '../../../lib/ui/LoadingState';
import { useAgencies } from '../api';

const ALL = 'all';

interface AgencyTableProps {
  items: readonly Agency[];
  /** Every agency, to name parents that the current filter hides. */
  all: readonly Agency[];
}

function AgencyTable({ items, all }: AgencyTableProps) {
  const { t } = useTranslation();
  const names = useMemo(
    () => new Map([...all, ...items].map((agency) => [agency.id, agency.name])),
    [all, items],
  );

  return (
    <Table.ScrollContainer minWidth={640}>
      <Table aria-label={t('agencies.tableLabel')} striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('agencies.columns.name')}</Table.Th>
            <Table.Th scope="col">{t('agencies.columns.electronicId')}</Table.Th>
            <Table.Th scope="col">{t('agencies.columns.kind')}</Table.Th>
            <Table.Th scope="col">{t('agencies.columns.parent')}</Table.Th>
            <Table.Th scope="col">{t('agencies.columns.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((agency) => (
            <Table.Tr key={agency.id}>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {agency.name}
                </Text>
                {agency.shortName !== null && agency.shortName !== agency.name && (
                  <Text size="xs" c="dimmed">
                    {agency.shortName}
                  </Text>
                )}
              </Table.Td>
              <Table.Td ff="monospace">{agency.electronicId}</Table.Td>
              <Table.Td>{t(`agencies.kinds.${agency.kind}`)}</Table.Td>
              <Table.Td>
                {agency.parentId === null ? '—' : (names.get(agency.parentId) ?? '—')}
              </Table.Td>
              <Table.Td>
                <Badge color={agency.active ? 'green' : 'gray'} variant="light" tt="none">
                  {agency.active ? t('agencies.active') : t('agencies.inactive')}
                </Badge>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Agencies from GET /api/agencies, filtered by kind and searched by name on the server. */
export function AgencyDirectory() {
  const { t } = useTranslation();
  const [kind, setKind] = useState<AgencyKind | undefined>(undefined);
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const agencies = useAgencies({ kind, q });
  const allAgencies = useAgencies({});

  const kindOptions = [
    { value: ALL, label: t('agencies.kindAll') },
    ...AgencyKind.options.map((value) => ({ value, label: t(`agencies.kinds.${value}`) })),
  ];

  return (
    <Stack gap="md">
      <Group align="flex-end" gap="md" wrap="wrap">
        <Select
          label={t('agencies.kindLabel')}
          data={kindOptions}
          value={kind ?? ALL}
          onChange={(value) => {
            const parsed = AgencyKind.safeParse(value);
            setKind(parsed.success ? parsed.data : undefined);
          }}
          allowDeselect={false}
          w={{ base: '100%', xs: 300 }}
        />
        <TextInput
          type="search"
          label={t('agencies.searchLabel')}
          placeholder={t('agencies.searchPlaceholder')}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          w={{ base: '100%', xs: 300 }}
        />
      </Group>

      <Text size="sm" fw={500} role="status" aria-live="polite">
        {agencies.data !== undefined ? t('agencies.count', { count: agencies.data.total }) : ''}
      </Text>

      {agencies.isPending && <LoadingState />}
      {agencies.isError && (
        <ErrorAlert error={agencies.error} onRetry={() => void agencies.refetch()} />
      )}
      {agencies.data !== undefined &&
        (agencies.data.items.length === 0 ? (
          <Text c="dimmed">{t('agencies.empty')}</Text>
        ) : (
          <AgencyTable items={agencies.data.items} all={allAgencies.data?.items ?? []} />
        ))}
    </Stack>
  );
}
