import { ReviewAdjustItem } from '@motcua/contracts';
import { Button, Card, Group, MultiSelect, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../lib/ui/ErrorAlert';
import { LoadingState } from '../../../lib/ui/LoadingState';
import { useAgencies } from '../../organisation/api';
import { useCreateReviewBatch, useRecordReview, useReviewItems } from '../api';

function PendingItem({ batchId, code, name }: { batchId: number; code: string; name: string }) {
  const { t } = useTranslation();
  const record = useRecordReview(batchId);
  const [items, setItems] = useState<string[]>([]);
  const adjustItems = items.flatMap((i) => {
    const parsed = ReviewAdjustItem.safeParse(i);
    return parsed.success ? [parsed.data] : [];
  });
  return (
    <Card component="li" withBorder padding="sm">
      <Stack gap="xs">
        <Text size="sm" fw={500}>
          {code} — {name}
        </Text>
        <Group gap="xs" align="flex-end" wrap="wrap">
          <MultiSelect
            label={t('review.adjustItems')}
            data={ReviewAdjustItem.options.map((v) => ({
              value: v,
              label: t(`review.items.${v}`),
            }))}
            value={items}
            onChange={setItems}
            w={{ base: '100%', sm: 360 }}
          />
          <Button
            size="xs"
            color="orange"
            disabled={adjustItems.length === 0}
            loading={record.isPending}
            onClick={() =>
              record.mutate({ code, review: { outcome: 'adjust', adjustItems, note: null } })
            }
          >
            {t('review.markAdjust')}
          </Button>
          <Button
            size="xs"
            variant="default"
            loading={record.isPending}
            onClick={() =>
              record.mutate({ code, review: { outcome: 'no_adjust', adjustItems: [], note: null } })
            }
          >
            {t('review.markNoAdjust')}
          </Button>
        </Group>
        {record.isError && <ErrorAlert error={record.error} />}
      </Stack>
    </Card>
  );
}

/** Opening a round, and a department recording ĐC / KĐC for its procedures. */
export function ReviewRecorder({ batchId }: { batchId: number | null }) {
  const { t } = useTranslation();
  const departments = useAgencies({ kind: 'department' });
  const [department, setDepartment] = useState<string | null>(null);
  const [name, setName] = useState('');
  const create = useCreateReviewBatch();
  const items = useReviewItems(batchId, department);

  return (
    <Stack gap="md">
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput
          label={t('review.newBatch')}
          placeholder={t('review.newBatchPlaceholder')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          w={{ base: '100%', sm: 320 }}
        />
        <Button loading={create.isPending} onClick={() => create.mutate(name)}>
          {t('review.open')}
        </Button>
      </Group>
      {create.isError && <ErrorAlert error={create.error} />}
      {batchId !== null && (
        <Select
          label={t('review.pickDepartment')}
          data={(departments.data?.items ?? []).map((d) => ({
            value: d.id,
            label: d.shortName ?? d.name,
          }))}
          value={department}
          onChange={setDepartment}
          searchable
          w={{ base: '100%', sm: 360 }}
        />
      )}
      {items.isPending && department !== null && <LoadingState />}
      {items.isError && <ErrorAlert error={items.error} />}
      {items.data && (
        <Stack gap="xs">
          <Text size="sm" role="status">
            {t('review.pending', { count: items.data.total })}
          </Text>
          <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
            {items.data.items.slice(0, 50).map((i) => (
              <PendingItem
                key={i.procedureCode}
                batchId={batchId ?? 0}
                code={i.procedureCode}
                name={i.procedureName}
              />
            ))}
          </Stack>
        </Stack>
      )}
    </Stack>
  );
}
