import { Button, Group, Select, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAgencies } from '../../organisation/api';

export interface UnitPeriod {
  from: string;
  to: string;
  agencyId: string | null;
}

/** Today in Vietnam (UTC+7), YYYY-MM-DD: the default period of both tabs. */
export const vietnamToday = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);

/** A period (two dates) and a receiving agency, with the tab's action button. */
export function UnitPeriodPicker({
  value,
  onChange,
  action,
  onAction,
  busy,
  error,
}: {
  value: UnitPeriod;
  onChange: (next: UnitPeriod) => void;
  action: string;
  onAction: () => void;
  busy?: boolean;
  error?: string | null;
}) {
  const { t } = useTranslation();
  const agencies = useAgencies({});
  return (
    <Group align="flex-end" wrap="wrap" gap="sm">
      <TextInput
        type="date"
        label={t('sync.from')}
        value={value.from}
        onChange={(e) => onChange({ ...value, from: e.currentTarget.value })}
        required
        w={{ base: '100%', xs: 170 }}
      />
      <TextInput
        type="date"
        label={t('sync.to')}
        value={value.to}
        onChange={(e) => onChange({ ...value, to: e.currentTarget.value })}
        error={error ?? undefined}
        required
        w={{ base: '100%', xs: 170 }}
      />
      <Select
        label={t('sync.unit')}
        placeholder={t('sync.allUnits')}
        data={(agencies.data?.items ?? []).map((a) => ({ value: a.id, label: a.name }))}
        value={value.agencyId}
        onChange={(agencyId) => onChange({ ...value, agencyId })}
        searchable
        clearable
        w={{ base: '100%', sm: 340 }}
      />
      <Button onClick={onAction} loading={busy} disabled={!value.from || !value.to}>
        {action}
      </Button>
    </Group>
  );
}
