import type { LocalConfig } from '@motcua/contracts';
import {
  Card,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';

type Time = NonNullable<LocalConfig['processingTime']>;

const EMPTY: Time = {
  amount: 1,
  unit: 'working_days',
  cutoffAfter: null,
  basis: '',
  afterSupplement: 'continue',
  supplementDays: null,
};

/**
 * The legal processing time the province confirms for the procedure: the clock of every dossier
 * and the budget its workflow must fit. Without it the catalogue's stated time (if clear) is used.
 */
export function ProcessingTimeFields({
  value,
  onChange,
}: {
  value: LocalConfig['processingTime'];
  onChange: (value: LocalConfig['processingTime']) => void;
}) {
  const { t } = useTranslation();
  const time = value ?? EMPTY;
  const set = <K extends keyof Time>(key: K, v: Time[K]) => onChange({ ...time, [key]: v });
  return (
    <Card withBorder component="section">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('catalogAdmin.timeTitle')}
        </Title>
        <Switch
          label={t('catalogAdmin.timeConfirmed')}
          description={t('catalogAdmin.timeHint')}
          checked={value !== null}
          onChange={(e) => onChange(e.currentTarget.checked ? time : null)}
        />
        {value !== null && (
          <>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <NumberInput
                label={t('catalogAdmin.timeAmount')}
                value={time.amount}
                min={0.5}
                step={0.5}
                onChange={(v) => set('amount', typeof v === 'number' ? v : Number(v) || 1)}
              />
              <Select
                label={t('catalogAdmin.timeUnit')}
                data={(['working_days', 'working_hours', 'calendar_days'] as const).map((u) => ({
                  value: u,
                  label: t(`catalogAdmin.timeUnits.${u}`),
                }))}
                value={time.unit}
                onChange={(v) => set('unit', (v as Time['unit'] | null) ?? 'working_days')}
                allowDeselect={false}
              />
              <TextInput
                label={t('catalogAdmin.cutoffAfter')}
                description={t('catalogAdmin.cutoffHint')}
                placeholder="15:00"
                value={time.cutoffAfter ?? ''}
                onChange={(e) => set('cutoffAfter', e.currentTarget.value || null)}
              />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select
                label={t('catalogAdmin.afterSupplement')}
                data={(['continue', 'restart'] as const).map((m) => ({
                  value: m,
                  label: t(`catalogAdmin.afterSupplementModes.${m}`),
                }))}
                value={time.afterSupplement}
                onChange={(v) => set('afterSupplement', v === 'restart' ? 'restart' : 'continue')}
                allowDeselect={false}
              />
              <NumberInput
                label={t('catalogAdmin.supplementDays')}
                description={t('catalogAdmin.supplementDaysHint')}
                value={time.supplementDays ?? ''}
                min={1}
                max={90}
                onChange={(v) => set('supplementDays', typeof v === 'number' ? v : null)}
              />
            </SimpleGrid>
            <TextInput
              label={t('catalogAdmin.timeBasis')}
              value={time.basis}
              onChange={(e) => set('basis', e.currentTarget.value)}
            />
            <Text size="xs" c="dimmed">
              {t('catalogAdmin.timeWorkflowHint')}
            </Text>
          </>
        )}
      </Stack>
    </Card>
  );
}
