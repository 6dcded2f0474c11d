import { Alert, Badge, Button, Group, Loader, Stack, Table, Text } from '@mantine/core';
import { AuditFindingKind } from '@motcua/contracts';
import { useTranslation } from 'react-i18next';
import { usePermissionAudit, useSession } from '../api';

/** The permission audit on screen, with its Excel download. */
export function PermissionAuditTable() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const audit = usePermissionAudit(Boolean(session.data));
  if (session.isPending) return <Loader />;
  if (!session.data) return <Alert color="yellow">{t('accountsAdmin.signInRequired')}</Alert>;
  if (audit.isPending) return <Loader />;
  if (audit.error) return <Alert color="red">{audit.error.message}</Alert>;
  const report = audit.data;
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Group gap="xs">
          {AuditFindingKind.options.map((kind) => (
            <Badge key={kind} variant="light" color={report.counts[kind] ? 'red' : 'gray'}>
              {t(`accountsAdmin.kind.${kind}`)}: {report.counts[kind] ?? 0}
            </Badge>
          ))}
        </Group>
        <Button
          component="a"
          href="/api/admin/identity/audit?format=xlsx"
          variant="light"
          size="xs"
        >
          {t('accountsAdmin.auditDownload')}
        </Button>
      </Group>
      <Text size="sm" c="dimmed">
        {t('accountsAdmin.auditGenerated', {
          at: new Date(report.generatedAt).toLocaleString(i18n.language),
        })}
      </Text>
      {report.findings.length === 0 ? (
        <Alert color="green">{t('accountsAdmin.auditNone')}</Alert>
      ) : (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('accountsAdmin.finding')}</Table.Th>
              <Table.Th>{t('identity.username')}</Table.Th>
              <Table.Th>{t('identity.displayName')}</Table.Th>
              <Table.Th>{t('accountsAdmin.detail')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.findings.map((f, i) => (
              <Table.Tr key={`${f.accountId}-${f.kind}-${i}`}>
                <Table.Td>{t(`accountsAdmin.kind.${f.kind}`)}</Table.Td>
                <Table.Td>{f.username}</Table.Td>
                <Table.Td>{f.displayName}</Table.Td>
                <Table.Td>{f.detail}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
