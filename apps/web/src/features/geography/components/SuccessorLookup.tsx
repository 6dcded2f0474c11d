import type { SuccessorMatch } from '@motcua/contracts';
import { Badge, Card, Group, List, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../lib/ui/ErrorAlert';
import { LoadingState } from '../../../lib/ui/LoadingState';
import { SUCCESSOR_QUERY_MIN_LENGTH, useSuccessors } from '../api';

interface SuccessorLookupProps {
  /** Province the look-up is limited to. */
  provinceCode: string;
}

function MatchItem({ match, provinceCode }: { match: SuccessorMatch; provinceCode: string }) {
  const { t } = useTranslation();
  const { old } = match;
  const context = [old.districtName, old.provinceName].filter((part) => part !== null).join(', ');

  return (
    <Card withBorder padding="sm" component="li">
      <Stack gap={6}>
        <Group gap="xs" wrap="wrap">
          <Text fw={600}>
            {old.fullName}
            {context !== '' && (
              <Text span fw={400} c="dimmed">
                {' '}
                ({context})
              </Text>
            )}
          </Text>
          <Badge variant="outline" color="gray" tt="none" size="sm">
            {t(`successors.snapshot.${old.snapshot}`)}
          </Badge>
        </Group>
        {match.successors.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('successors.noSuccessor')}
          </Text>
        ) : (
          <List listStyleType="none" spacing={4}>
            {match.successors.map((successor) => (
              <List.Item key={successor.code}>
                <Group gap={6} wrap="wrap">
                  <Text span aria-hidden="true">
                    →
                  </Text>
                  <Text span>
                    {t('successors.nowPartOf')}{' '}
                    <Text span fw={600}>
                      {successor.fullName}
                    </Text>
                    {successor.provinceCode !== provinceCode && `, ${successor.provinceName}`}
                  </Text>
                  <Badge
                    color={successor.coverage === 'full' ? 'green' : 'orange'}
                    variant="light"
                    tt="none"
                    size="sm"
                  >
                    {t(`successors.coverage.${successor.coverage}`)}
                  </Badge>
                </Group>
              </List.Item>
            ))}
          </List>
        )}
      </Stack>
    </Card>
  );
}

/** "Tra cứu đơn vị cũ": type a former commune/ward name, see which current unit it belongs to. */
export function SuccessorLookup({ provinceCode }: SuccessorLookupProps) {
  const { t } = useTranslation();
  const statusId = useId();
  const [name, setName] = useState('');
  const [debounced] = useDebouncedValue(name.trim(), 350);
  const successors = useSuccessors(debounced, provinceCode);
  const tooShort = debounced.length > 0 && debounced.length < SUCCESSOR_QUERY_MIN_LENGTH;
  const active = debounced.length >= SUCCESSOR_QUERY_MIN_LENGTH;
  const data = active ? successors.data : undefined;

  let status = '';
  if (tooShort) status = t('successors.minChars');
  else if (data !== undefined && !successors.isPlaceholderData) {
    status =
      data.total === 0
        ? t('successors.noResult', { q: debounced })
        : t('successors.resultCount', { count: data.total });
  }

  return (
    <Stack gap="sm">
      <TextInput
        type="search"
        label={t('successors.inputLabel')}
        placeholder={t('successors.placeholder')}
        value={name}
        onChange={(event) => setName(event.currentTarget.value)}
        aria-describedby={statusId}
        maw={420}
      />
      <Text id={statusId} size="sm" fw={500} role="status" aria-live="polite">
        {status}
      </Text>
      {active && successors.isPending && <LoadingState />}
      {active && successors.isError && (
        <ErrorAlert error={successors.error} onRetry={() => void successors.refetch()} />
      )}
      {data !== undefined && data.matches.length > 0 && (
        <Stack
          component="ul"
          gap="xs"
          aria-label={t('successors.resultsLabel')}
          aria-busy={successors.isFetching}
          p={0}
          m={0}
          style={{ listStyle: 'none' }}
        >
          {data.matches.map((match) => (
            <MatchItem
              key={`${match.old.snapshot}:${match.old.code}`}
              match={match}
              provinceCode={provinceCode}
            />
          ))}
        </Stack>
      )}
    </Stack>
  );
}
