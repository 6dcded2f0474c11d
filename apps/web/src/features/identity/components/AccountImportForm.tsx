import {
  Alert,
  Badge,
  Button,
  Card,
  FileInput,
  Group,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import type { AccountImportStatus } from '@motcua/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadImportReport, useImportAccounts, useSession } from '../api';

const COLOR: Record<AccountImportStatus, string> = {
  created: 'green',
  skipped: 'gray',
  error: 'red',
};

/** Bulk import: pick a CSV/XLSX file, upload it, read the per-row report. */
export function AccountImportForm() {
  const { t } = useTranslation();
  const session = useSession();
  const importing = useImportAccounts();
  const [file, setFile] = useState<File | null>(null);
  const report = importing.data;
  const hasPasswords = report?.rows.some((r) => r.initialPassword) ?? false;
  return (
    <Card withBorder component="section" aria-labelledby="account-import-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="account-import-title">
          {t('accountsAdmin.importTitle')}
        </Title>
        <Text size="sm">{t('accountsAdmin.importIntro')}</Text>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (file) importing.mutate(file);
          }}
        >
          <Group align="flex-end">
            <FileInput
              label={t('accountsAdmin.importFile')}
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              value={file}
              onChange={setFile}
              clearable
              w={320}
              name="account-file"
            />
            <Button type="submit" disabled={!file} loading={importing.isPending}>
              {t('accountsAdmin.importSubmit')}
            </Button>
          </Group>
        </form>
        {importing.error && (
          <Alert color="red" role="alert">
            {importing.error.message}
          </Alert>
        )}
        {report && (
          <Stack gap="xs" data-testid="import-report">
            <Group justify="space-between">
              <Text fw={600} role="status">
                {t('accountsAdmin.importSummary', report)}
              </Text>
              <Button
                variant="light"
                size="xs"
                onClick={() => void downloadImportReport(report, session.data?.csrfToken ?? null)}
              >
                {t('accountsAdmin.downloadReport')}
              </Button>
            </Group>
            {hasPasswords && <Alert color="yellow">{t('accountsAdmin.importPasswordsOnce')}</Alert>}
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('accountsAdmin.line')}</Table.Th>
                  <Table.Th>{t('identity.username')}</Table.Th>
                  <Table.Th>{t('identity.displayName')}</Table.Th>
                  <Table.Th>{t('accountsAdmin.result')}</Table.Th>
                  <Table.Th>{t('accountsAdmin.reason')}</Table.Th>
                  <Table.Th>{t('accountsAdmin.initialPassword')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {report.rows.map((r) => (
                  <Table.Tr key={r.line}>
                    <Table.Td>{r.line}</Table.Td>
                    <Table.Td>{r.username}</Table.Td>
                    <Table.Td>{r.displayName}</Table.Td>
                    <Table.Td>
                      <Badge color={COLOR[r.status]} variant="light">
                        {t(`accountsAdmin.status.${r.status}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{r.reason}</Table.Td>
                    <Table.Td>{r.initialPassword && <code>{r.initialPassword}</code>}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
