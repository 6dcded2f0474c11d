import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { ProcedureCode, type ProcessVersion } from '@motcua/contracts';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { isApiError } from '../../../lib/api';
import { ErrorAlert } from '../../../lib/ui/ErrorAlert';
import { LoadingState } from '../../../lib/ui/LoadingState';
import { Page } from '../../../lib/ui/Page';
import { useSession } from '../../identity/api';
import { useAgencies } from '../../organisation/api';
import { useProcesses } from '../api';
import { formatVnTime } from '../time';
import { formFromDefinition, starterForm } from '../model';
import { ProcessEditor, type EditorStart } from './ProcessEditor';

const STATUS_COLOR = { draft: 'gray', published: 'green', retired: 'orange' } as const;

/** Pick a procedure: by its code, or among those that already have a process. */
function ProcedurePicker({ current, onPick }: { current: string; onPick: (code: string) => void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState(current);
  const [error, setError] = useState<string | null>(null);
  const all = useProcesses();
  const known = useMemo(() => {
    const byCode = new Map<string, ProcessVersion>();
    for (const v of all.data?.items ?? []) {
      const seen = byCode.get(v.procedureCode);
      if (!seen || v.version > seen.version) byCode.set(v.procedureCode, v);
    }
    return [...byCode.values()].sort((a, b) => a.procedureCode.localeCompare(b.procedureCode));
  }, [all.data]);

  return (
    <Card withBorder component="section" aria-labelledby="process-pick-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="process-pick-title">
          {t('workflowAdmin.pick.title')}
        </Title>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const parsed = ProcedureCode.safeParse(code);
            if (!parsed.success) {
              setError(t('workflowAdmin.pick.codeInvalid'));
              return;
            }
            setError(null);
            onPick(parsed.data);
          }}
        >
          <Group align="flex-end" gap="sm" wrap="wrap">
            <TextInput
              label={t('workflowAdmin.pick.code')}
              placeholder={t('workflowAdmin.pick.codeHint')}
              value={code}
              onChange={(e) => setCode(e.currentTarget.value)}
              error={error}
              style={{ flex: '1 1 12rem' }}
              inputMode="decimal"
            />
            <Button type="submit">{t('workflowAdmin.pick.open')}</Button>
          </Group>
        </form>
        {all.isError && <ErrorAlert error={all.error} onRetry={() => void all.refetch()} />}
        {all.data && (
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              {t('workflowAdmin.pick.known')}
            </Text>
            {known.length === 0 && (
              <Text size="sm" c="dimmed">
                {t('workflowAdmin.pick.none')}
              </Text>
            )}
            <Group gap="xs">
              {known.map((v) => (
                <Button
                  key={v.procedureCode}
                  size="compact-sm"
                  variant={v.procedureCode === current ? 'filled' : 'light'}
                  onClick={() => {
                    setCode(v.procedureCode);
                    onPick(v.procedureCode);
                  }}
                  title={v.definition.name}
                >
                  {v.procedureCode}
                </Button>
              ))}
            </Group>
          </Stack>
        )}
      </Stack>
    </Card>
  );
}

function VersionList({
  procedureCode,
  onOpen,
}: {
  procedureCode: string;
  onOpen: (start: EditorStart) => void;
}) {
  const { t, i18n } = useTranslation();
  const versions = useProcesses(procedureCode);
  const agencies = useAgencies({});
  const agencyName = (id: string | null) =>
    id === null
      ? t('workflowAdmin.versions.province')
      : (agencies.data?.items.find((a) => a.id === id)?.name ?? id);
  const items = [...(versions.data?.items ?? [])].sort((a, b) => b.version - a.version);

  return (
    <Card withBorder component="section" aria-labelledby="process-versions-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="process-versions-title">
          {t('workflowAdmin.versions.title', { code: procedureCode })}
        </Title>
        {versions.isPending && <LoadingState />}
        {versions.isError && (
          <ErrorAlert error={versions.error} onRetry={() => void versions.refetch()} />
        )}
        {versions.data && items.length === 0 && (
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{t('workflowAdmin.versions.empty')}</Text>
            <Button
              onClick={() =>
                onOpen({ form: starterForm(procedureCode), basedOn: null, draft: null })
              }
            >
              {t('workflowAdmin.versions.startNew')}
            </Button>
          </Stack>
        )}
        {items.length > 0 && (
          <Table.ScrollContainer minWidth={760}>
            <Table striped aria-labelledby="process-versions-title">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('workflowAdmin.versions.version')}</Table.Th>
                  <Table.Th>{t('workflowAdmin.versions.scope')}</Table.Th>
                  <Table.Th>{t('workflowAdmin.versions.status')}</Table.Th>
                  <Table.Th>{t('workflowAdmin.versions.createdAt')}</Table.Th>
                  <Table.Th>{t('workflowAdmin.versions.publishedAt')}</Table.Th>
                  <Table.Th>{t('workflowAdmin.versions.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((v) => (
                  <Table.Tr key={v.id} data-testid={`process-version-${v.version}`}>
                    <Table.Td miw="12rem">
                      <Text size="sm" fw={600}>
                        {v.version}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {v.definition.name}
                      </Text>
                    </Table.Td>
                    <Table.Td>{agencyName(v.agencyId)}</Table.Td>
                    <Table.Td>
                      <Badge
                        color={STATUS_COLOR[v.status]}
                        variant="light"
                        tt="none"
                        styles={{ root: { maxWidth: 'none' }, label: { overflow: 'visible' } }}
                      >
                        {t(`workflowAdmin.versions.statuses.${v.status}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {formatVnTime(v.createdAt, i18n.language)}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {formatVnTime(v.publishedAt, i18n.language)}
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        <Button
                          size="compact-sm"
                          variant="light"
                          onClick={() =>
                            onOpen({
                              form: formFromDefinition(v.definition, v.agencyId),
                              basedOn: v,
                              draft: null,
                            })
                          }
                        >
                          {t('workflowAdmin.versions.fromThis')}
                        </Button>
                        {v.status === 'draft' && (
                          <Button
                            size="compact-sm"
                            variant="subtle"
                            onClick={() =>
                              onOpen({
                                form: formFromDefinition(v.definition, v.agencyId),
                                basedOn: null,
                                draft: v,
                              })
                            }
                          >
                            {t('workflowAdmin.versions.openDraft')}
                          </Button>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Card>
  );
}

/**
 * Administration of the processing workflows (quy trình nội bộ, issue 6 item 4): versions per
 * procedure, an editor that checks each version against the legal processing time and previews
 * its due times, then saves it as a draft and publishes it.
 */
export function ProcessAdminPage({ signInPath }: { signInPath: string }) {
  const { t } = useTranslation();
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const procedureCode = params.get('thuTuc') ?? '';
  const [editing, setEditing] = useState<{ start: EditorStart; n: number } | null>(null);
  const list = useProcesses();
  const refused =
    isApiError(list.error) && (list.error.status === 401 || list.error.status === 403);

  return (
    <Page title={t('workflowAdmin.title')} intro={t('workflowAdmin.intro')}>
      {session.data === null || (refused && session.data === undefined) ? (
        <Alert color="yellow" variant="light">
          <Stack gap="xs">
            <Text size="sm">{t('workflowAdmin.signInNeeded')}</Text>
            <Anchor component={Link} to={signInPath} size="sm">
              {t('workflowAdmin.signIn')}
            </Anchor>
          </Stack>
        </Alert>
      ) : (
        <>
          <ProcedurePicker
            key={procedureCode}
            current={procedureCode}
            onPick={(code) => {
              setEditing(null);
              setParams({ thuTuc: code });
            }}
          />
          {procedureCode !== '' && (
            <VersionList
              procedureCode={procedureCode}
              onOpen={(start) => setEditing((e) => ({ start, n: (e?.n ?? 0) + 1 }))}
            />
          )}
          {editing !== null && (
            <ProcessEditor key={editing.n} start={editing.start} onClose={() => setEditing(null)} />
          )}
        </>
      )}
    </Page>
  );
}
