import {
  Anchor,
  Badge,
  Card,
  Group,
  Pagination,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../../lib/ui/ErrorAlert';
import { LoadingState } from '../../../lib/ui/LoadingState';
import { useProcedureFacets, useProcedureSearch } from '../api';
import { formatTime } from './format';

const PAGE_SIZE = 20;

/**
 * Search box, filters and paged results; the state lives in the URL so a search can be shared.
 * `linkTo` sends a result elsewhere than its public page (the administration's editor).
 */
export function ProcedureSearch({
  linkTo = (code: string) => `/thu-tuc/${code}`,
}: {
  linkTo?: (code: string) => string;
}) {
  const { t } = useTranslation();
  const statusId = useId();
  const [params, setParams] = useSearchParams();
  const [text, setText] = useState(params.get('q') ?? '');
  const [q] = useDebouncedValue(text.trim(), 300);
  const field = params.get('field') ?? '';
  const level = params.get('level') ?? '';
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const facets = useProcedureFacets();
  const results = useProcedureSearch({ q, field, level, page, pageSize: PAGE_SIZE });

  const update = (changes: Record<string, string>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [key, value] of Object.entries(changes)) {
          if (value === '') next.delete(key);
          else next.set(key, value);
        }
        return next;
      },
      { replace: true },
    );

  // A new query starts at page 1; only the debounced text drives this, not the params it reads.
  useEffect(() => {
    if (q !== (params.get('q') ?? '')) update({ q, page: '' });
  }, [q]);

  const options = (items: { name: string; count: number }[] | undefined) => [
    { value: '', label: t('catalog.all') },
    ...(items ?? []).map((f) => ({ value: f.name, label: `${f.name} (${f.count})` })),
  ];
  const data = results.data;
  const pages = data ? Math.ceil(data.total / PAGE_SIZE) : 0;

  return (
    <Stack gap="md">
      <TextInput
        type="search"
        size="md"
        label={t('catalog.searchLabel')}
        placeholder={t('catalog.searchPlaceholder')}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        aria-describedby={statusId}
      />
      <Group gap="md" align="flex-end" wrap="wrap">
        <Select
          label={t('catalog.fieldLabel')}
          data={options(facets.data?.fields)}
          value={field}
          onChange={(v) => update({ field: v ?? '', page: '' })}
          searchable
          allowDeselect={false}
          w={{ base: '100%', sm: 360 }}
        />
        <Select
          label={t('catalog.levelLabel')}
          data={options(facets.data?.levels)}
          value={level}
          onChange={(v) => update({ level: v ?? '', page: '' })}
          allowDeselect={false}
          w={{ base: '100%', sm: 220 }}
        />
      </Group>
      <Text id={statusId} size="sm" fw={500} role="status" aria-live="polite">
        {data ? t('catalog.count', { count: data.total }) : ''}
      </Text>
      {results.isPending && <LoadingState />}
      {results.isError && (
        <ErrorAlert error={results.error} onRetry={() => void results.refetch()} />
      )}
      {data && data.items.length === 0 && <Text c="dimmed">{t('catalog.empty')}</Text>}
      {data && data.items.length > 0 && (
        <Stack
          component="ol"
          gap="sm"
          p={0}
          m={0}
          style={{ listStyle: 'none' }}
          aria-label={t('catalog.resultsLabel')}
          aria-busy={results.isFetching}
        >
          {data.items.map((item) => {
            // A number whose unit the national record lost is no deadline: left out.
            const time =
              item.processingTime?.unit != null
                ? formatTime(t, item.processingTime.value, item.processingTime.unit)
                : null;
            return (
              <Card component="li" key={item.code} withBorder padding="sm">
                <Stack gap={4}>
                  <Anchor component={Link} to={linkTo(item.code)} fw={600}>
                    {item.name}
                  </Anchor>
                  <Group gap="xs" wrap="wrap">
                    <Text size="xs" c="dimmed">
                      {t('catalog.code')}: {item.code}
                    </Text>
                    {item.field !== '' && (
                      <Badge variant="light" color="gray" size="sm">
                        {item.field}
                      </Badge>
                    )}
                    {item.levels.map((l) => (
                      <Badge key={l} variant="outline" size="sm">
                        {l}
                      </Badge>
                    ))}
                    {time !== null && (
                      <Badge variant="light" color="blue" size="sm">
                        {time}
                      </Badge>
                    )}
                    {item.runOn === 'ministry' && (
                      <Badge variant="filled" color="orange" size="sm">
                        {t('catalog.onMinistry')}
                      </Badge>
                    )}
                  </Group>
                </Stack>
              </Card>
            );
          })}
        </Stack>
      )}
      {pages > 1 && (
        <Pagination
          total={Math.min(pages, 10_000)}
          value={page}
          onChange={(p) => update({ page: String(p) })}
          getControlProps={(control) => ({
            'aria-label': control === 'next' ? '›' : '‹',
          })}
          aria-label={t('catalog.pagination')}
          siblings={1}
          boundaries={1}
        />
      )}
    </Stack>
  );
}
