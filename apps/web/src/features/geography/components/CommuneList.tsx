import type { AdminUnit } from '@motcua/contracts';
import { Stack, Table, Text, TextInput } from '@mantine/core';
import { useDeferredValue, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { foldForSearch } from '../../../lib/search';
import { UnitTypeBadge } from './UnitTypeBadge';

interface CommuneListProps {
  units: readonly AdminUnit[];
}

/** Searchable table of communes and wards; the search ignores case and Vietnamese diacritics. */
export function CommuneList({ units }: CommuneListProps) {
  const { t } = useTranslation();
  const countId = useId();
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);

  const indexed = useMemo(
    () => units.map((unit) => ({ unit, key: foldForSearch(`${unit.fullName} ${unit.code}`) })),
    [units],
  );
  const needle = foldForSearch(deferredQuery);
  const shown =
    needle === '' ? units : indexed.filter((e) => e.key.includes(needle)).map((e) => e.unit);

  return (
    <Stack gap="sm">
      <TextInput
        type="search"
        label={t('communes.searchLabel')}
        description={t('communes.searchDescription')}
        placeholder={t('communes.searchPlaceholder')}
        value={query}
        onChange={(event) => setQuery(event.currentTarget.value)}
        aria-controls={countId}
        maw={420}
      />
      <Text id={countId} size="sm" fw={500} role="status" aria-live="polite">
        {needle === ''
          ? t('communes.count', { count: units.length })
          : t('communes.filteredCount', { shown: shown.length, total: units.length })}
      </Text>
      {shown.length === 0 ? (
        <Text c="dimmed">{t('communes.empty', { q: query.trim() })}</Text>
      ) : (
        <Table.ScrollContainer minWidth={320}>
          <Table aria-label={t('communes.tableLabel')} striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col" w={80}>
                  {t('communes.columns.code')}
                </Table.Th>
                <Table.Th scope="col">{t('communes.columns.name')}</Table.Th>
                <Table.Th scope="col" w={110}>
                  {t('communes.columns.type')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((unit) => (
                <Table.Tr key={unit.code}>
                  <Table.Td ff="monospace">{unit.code}</Table.Td>
                  <Table.Td>{unit.fullName}</Table.Td>
                  <Table.Td>
                    <UnitTypeBadge type={unit.type} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
