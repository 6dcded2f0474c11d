import { Alert, Badge, Group, Loader, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useOfficers, useSession } from '../api';

/** Officers the signed-in account may see, with their units and scoped roles. */
export function OfficerTable() {
  const { t } = useTranslation();
  const session = useSession();
  const officers = useOfficers(Boolean(session.data));
  if (session.isPending) return <Loader />;
  if (!session.data) return <Alert color="yellow">{t('identity.signInRequired')}</Alert>;
  if (officers.isPending) return <Loader />;
  if (officers.error) return <Alert color="red">{officers.error.message}</Alert>;
  return (
    <Table striped highlightOnHover>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('identity.username')}</Table.Th>
          <Table.Th>{t('identity.displayName')}</Table.Th>
          <Table.Th>{t('identity.units')}</Table.Th>
          <Table.Th>{t('identity.roles')}</Table.Th>
          <Table.Th>{t('identity.status')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {officers.data.items.map((officer) => (
          <Table.Tr key={officer.id}>
            <Table.Td>{officer.username}</Table.Td>
            <Table.Td>{officer.displayName}</Table.Td>
            <Table.Td>
              {officer.memberships
                .map((m) => (m.unitName ? `${m.unitName} — ${m.agencyName}` : m.agencyName))
                .join('; ')}
            </Table.Td>
            <Table.Td>
              <Group gap={4}>
                {officer.roles.length === 0 && (
                  <Text size="sm" c="red">
                    {t('identity.noRole')}
                  </Text>
                )}
                {officer.roles.map((r) => (
                  <Badge key={r.id} variant="light" title={r.unitName ?? r.agencyName ?? ''}>
                    {t(`identity.role.${r.role}`)} · {t(`identity.scope.${r.scope}`)}
                  </Badge>
                ))}
              </Group>
            </Table.Td>
            <Table.Td>
              {!officer.active
                ? t('identity.inactive')
                : officer.lockedUntil
                  ? t('identity.locked')
                  : t('identity.active')}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
