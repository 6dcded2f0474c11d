import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAgencyUnits, useOfficersInReach } from '../api';

export interface Assignee {
  unitId: string | null;
  accountId: string | null;
}

/** A unit of the processing agency and/or an active officer the leader reaches. */
export function AssigneePicker({
  agencyId,
  value,
  onChange,
}: {
  agencyId: string | null;
  value: Assignee;
  onChange: (value: Assignee) => void;
}) {
  const { t } = useTranslation();
  const units = useAgencyUnits(agencyId, true);
  const officers = useOfficersInReach(true);
  return (
    <>
      <Select
        label={t('officerDesk.unit')}
        data={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
        value={value.unitId}
        onChange={(unitId) => onChange({ ...value, unitId })}
        clearable
        w={{ base: '100%', sm: 240 }}
      />
      <Select
        label={t('officerDesk.officer')}
        data={(officers.data?.items ?? [])
          .filter((o) => o.active)
          .map((o) => ({ value: o.id, label: o.displayName }))}
        value={value.accountId}
        onChange={(accountId) => onChange({ ...value, accountId })}
        searchable
        clearable
        w={{ base: '100%', sm: 240 }}
      />
    </>
  );
}

/** The assignment fields of a request: only those chosen. */
export const assigneeFields = (a: Assignee) => ({
  ...(a.unitId ? { unitId: a.unitId } : {}),
  ...(a.accountId ? { accountId: a.accountId } : {}),
});
