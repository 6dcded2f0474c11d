import { Alert, Loader, Select, Stack, Table } from '@mantine/core';
import { SecurityEventKind } from '@motcua/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSecurityLog, useSession } from '../api';

/** The security log, newest first, filtered by kind. */
export function SecurityLogTable() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const [kind, setKind] = useState<SecurityEventKind | undefined>(undefined);
  const log = useSecurityLog(Boolean(session.data), kind);
  if (session.isPending) return <Loader />;
  if (!session.data) return <Alert color="yellow">{t('accountsAdmin.signInRequired')}</Alert>;
  return (
    <Stack gap="sm">
      <Select
        label={t('accountsAdmin.eventKind')}
        w={320}
        data={[
          { value: '', label: t('accountsAdmin.allKinds') },
          ...SecurityEventKind.options.map((k) => ({
            value: k,
            label: t(`accountsAdmin.event.${k}`),
          })),
        ]}
        value={kind ?? ''}
        onChange={(v) => setKind(v ? (v as SecurityEventKind) : undefined)}
        allowDeselect={false}
      />
      {log.isPending ? (
        <Loader />
      ) : log.error ? (
        <Alert color="red">{log.error.message}</Alert>
      ) : log.data.items.length === 0 ? (
        <Alert color="gray">{t('accountsAdmin.noEvents')}</Alert>
      ) : (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('accountsAdmin.at')}</Table.Th>
              <Table.Th>{t('accountsAdmin.eventKind')}</Table.Th>
              <Table.Th>{t('identity.username')}</Table.Th>
              <Table.Th>{t('accountsAdmin.ip')}</Table.Th>
              <Table.Th>{t('accountsAdmin.detail')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {log.data.items.map((e) => (
              <Table.Tr key={e.id}>
                <Table.Td>{new Date(e.at).toLocaleString(i18n.language)}</Table.Td>
                <Table.Td>{t(`accountsAdmin.event.${e.kind}`)}</Table.Td>
                <Table.Td>{e.username}</Table.Td>
                <Table.Td>{e.ip}</Table.Td>
                <Table.Td>
                  <code>{Object.keys(e.details).length > 0 ? JSON.stringify(e.details) : ''}</code>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
