import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  NativeSelect,
  Stack,
  Text,
  TextInput,
  Timeline,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type {
  ProcessCheck,
  ProcessDraftRequest,
  ProcessIssue,
  ProcessVersion,
} from '@motcua/contracts';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../lib/ui/ErrorAlert';
import { useAgencies } from '../../organisation/api';
import { useProcessCheck, usePublish, useSaveDraft } from '../api';
import { formatVnTime } from '../time';
import { describeIssuePath, errorAt, isFieldName, parseForm, type ProcessForm } from '../model';
import { StepList } from './StepList';

/** Issues of the whole process (the budget, no legal time, a missing name) rather than a step. */
const isProcessLevel = (i: ProcessIssue) =>
  i.path === '' || i.path === 'steps' || i.path === 'procedureCode' || i.path === 'agencyId';

/** Bring a step card into view and put the focus on its first input. */
function focusStep(stepPath: string | null) {
  if (stepPath === null) return;
  const card = document.querySelector<HTMLElement>(`[data-step-path="${stepPath}"]`);
  card?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  card?.querySelector<HTMLElement>('input, select')?.focus({ preventScroll: true });
}

function CheckPanel({
  check,
  fetching,
  stale,
  formIssues,
  error,
  onCheck,
}: {
  check: ProcessCheck | undefined;
  fetching: boolean;
  stale: boolean;
  /** Issues found in the browser; the server is not asked until there are none. */
  formIssues: readonly ProcessIssue[];
  error: unknown;
  onCheck: () => void;
}) {
  const { t, i18n } = useTranslation();
  const issues = formIssues.length > 0 ? formIssues : (check?.issues ?? []);
  const over =
    check !== undefined && check.legalHours !== null && check.totalHours > check.legalHours;
  return (
    <Card withBorder component="section" aria-labelledby="process-check-title">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} size="h4" id="process-check-title">
            {t('workflowAdmin.check.title')}
          </Title>
          <Button variant="light" onClick={onCheck} loading={fetching}>
            {t('workflowAdmin.check.run')}
          </Button>
        </Group>
        <div aria-live="polite">
          <Stack gap="xs">
            {fetching && (
              <Group gap="xs">
                <Loader size="xs" aria-hidden="true" />
                <Text size="sm">{t('workflowAdmin.check.running')}</Text>
              </Group>
            )}
            {!fetching && stale && check !== undefined && (
              <Text size="sm" c="dimmed">
                {t('workflowAdmin.check.stale')}
              </Text>
            )}
            {check !== undefined && formIssues.length === 0 && (
              <Group gap="xs">
                <Badge
                  size="lg"
                  color={over || check.legalHours === null ? 'red' : 'green'}
                  variant="light"
                  data-testid="process-total"
                  style={{ textTransform: 'none' }}
                >
                  {check.legalHours === null
                    ? t('workflowAdmin.check.totalNoLegal', { total: check.totalHours })
                    : t('workflowAdmin.check.total', {
                        total: check.totalHours,
                        legal: check.legalHours,
                      })}
                </Badge>
              </Group>
            )}
            {formIssues.length > 0 && (
              <Text size="sm" fw={600} c="red.8">
                {t('workflowAdmin.check.formIssues')}
              </Text>
            )}
            {issues.length === 0 && check !== undefined && !stale && (
              <Text size="sm" c="green.8">
                {t('workflowAdmin.check.ok')}
              </Text>
            )}
            {issues.length > 0 && (
              <Alert
                color="red"
                variant="light"
                title={t('workflowAdmin.check.issues', { n: issues.length })}
              >
                <Stack gap={2}>
                  {issues.filter(isProcessLevel).map((i) => (
                    <Text key={`${i.path}:${i.message}`} size="sm" data-issue-path={i.path}>
                      {i.message}
                    </Text>
                  ))}
                  {issues
                    .filter((i) => !isProcessLevel(i))
                    .map((i) => {
                      const where = describeIssuePath(i.path, {
                        step: (n) => t('workflowAdmin.editor.step', { n }),
                        transferStep: (n) => t('workflowAdmin.editor.transferStep', { n }),
                        consultAt: (n) => t('workflowAdmin.check.consultAt', { n }),
                        field: (name) =>
                          isFieldName(name) ? t(`workflowAdmin.check.fields.${name}`) : null,
                      });
                      return (
                        <Text key={`${i.path}:${i.message}`} size="sm">
                          {where.stepPath === null ? (
                            where.label
                          ) : (
                            <Anchor
                              component="button"
                              type="button"
                              size="sm"
                              style={{ display: 'inline', textAlign: 'left' }}
                              aria-label={`${t('workflowAdmin.check.goTo')}: ${where.label}`}
                              onClick={() => focusStep(where.stepPath)}
                            >
                              {where.label}
                            </Anchor>
                          )}
                          : {i.message}
                        </Text>
                      );
                    })}
                </Stack>
              </Alert>
            )}
            {error !== null && <ErrorAlert error={error} />}
          </Stack>
        </div>
        {check !== undefined && check.preview.length > 0 && formIssues.length === 0 && (
          <Stack gap="xs">
            <Title order={4} size="h5">
              {t('workflowAdmin.check.previewTitle')}
            </Title>
            <Timeline
              bulletSize={16}
              lineWidth={2}
              active={-1}
              aria-label={t('workflowAdmin.check.previewTitle')}
            >
              {check.preview.map((p) => (
                <Timeline.Item
                  key={p.path}
                  title={p.name}
                  ml={p.path.includes('.transfer.') ? 'md' : 0}
                >
                  <Text size="sm">
                    {t('workflowAdmin.check.previewDue')}:{' '}
                    <strong>{formatVnTime(p.dueAt, i18n.language)}</strong>
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t('workflowAdmin.check.previewHours')}: {p.hours} ·{' '}
                    {t('workflowAdmin.check.previewEnds')} {p.endsAtHour}
                  </Text>
                </Timeline.Item>
              ))}
            </Timeline>
          </Stack>
        )}
      </Stack>
    </Card>
  );
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export interface EditorStart {
  form: ProcessForm;
  /** The version it was copied from, to say so. */
  basedOn: ProcessVersion | null;
  /** An existing draft opened as is: it can be published without saving again. */
  draft: ProcessVersion | null;
}

/**
 * The editor of one new version: steps, live check against the legal time (debounced), preview
 * of the due times, then save as a draft and publish.
 */
export function ProcessEditor({ start, onClose }: { start: EditorStart; onClose: () => void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState<ProcessForm>(start.form);
  const parsed = useMemo(() => parseForm(form), [form]);
  const [debounced] = useDebouncedValue(parsed.request, 500);
  const [target, setTarget] = useState<ProcessDraftRequest | null>(parsed.request);
  useEffect(() => setTarget(debounced), [debounced]);
  const check = useProcessCheck(target);
  const agencies = useAgencies({});
  const save = useSaveDraft();
  const publish = usePublish();
  const [saved, setSaved] = useState<{ version: ProcessVersion; request: unknown } | null>(
    start.draft ? { version: start.draft, request: parsed.request } : null,
  );
  const [notice, setNotice] = useState<string | null>(null);

  const stale = !same(target, parsed.request);
  const unchangedSinceSave = saved !== null && same(saved.request, parsed.request);
  const canPublish = unchangedSinceSave && saved.version.status === 'draft';
  const update = (next: ProcessForm) => {
    setForm(next);
    setNotice(null);
    publish.reset();
    save.reset();
  };

  // Inputs show the browser's own findings while the draft is malformed, else the server's.
  const issues = parsed.request === null ? parsed.issues : stale ? [] : (check.data?.issues ?? []);

  const onCheck = () => {
    if (parsed.request === null) return;
    if (same(target, parsed.request)) void check.refetch();
    else setTarget(parsed.request);
  };

  return (
    <Card withBorder component="section" aria-labelledby="process-editor-title" padding="md">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          <Stack gap={2}>
            <Title order={2} size="h3" id="process-editor-title">
              {start.draft
                ? t('workflowAdmin.editor.titleDraft', { n: start.draft.version })
                : t('workflowAdmin.editor.titleNew', { code: form.procedureCode })}
            </Title>
            {start.basedOn && (
              <Text size="sm" c="dimmed">
                {t('workflowAdmin.editor.basedOn', { n: start.basedOn.version })}
              </Text>
            )}
          </Stack>
          <Button variant="subtle" onClick={onClose}>
            {t('workflowAdmin.editor.close')}
          </Button>
        </Group>

        <TextInput
          label={t('workflowAdmin.editor.name')}
          value={form.name}
          onChange={(e) => update({ ...form, name: e.currentTarget.value })}
          error={errorAt(issues, 'name')}
          required
        />
        <NativeSelect
          label={t('workflowAdmin.editor.scope')}
          value={form.agencyId ?? ''}
          onChange={(e) => update({ ...form, agencyId: e.currentTarget.value || null })}
          data={[
            { value: '', label: t('workflowAdmin.versions.province') },
            ...(agencies.data?.items ?? []).map((a) => ({ value: a.id, label: a.name })),
            // The agency of the opened version, even before the list arrives.
            ...(form.agencyId !== null &&
            !(agencies.data?.items ?? []).some((a) => a.id === form.agencyId)
              ? [{ value: form.agencyId, label: form.agencyId }]
              : []),
          ]}
        />

        <Title order={3} size="h4">
          {t('workflowAdmin.editor.stepsTitle')}
        </Title>
        <StepList
          steps={form.steps}
          path="steps"
          issues={issues}
          onChange={(steps) => update({ ...form, steps })}
        />

        <CheckPanel
          check={parsed.request === null ? undefined : check.data}
          fetching={check.isFetching}
          stale={stale}
          formIssues={parsed.request === null ? parsed.issues : []}
          error={check.error}
          onCheck={onCheck}
        />

        <Stack gap="xs" aria-live="polite">
          {notice !== null && (
            <Alert color="green" variant="light" role="status">
              {notice}
            </Alert>
          )}
          {save.isError && <ErrorAlert error={save.error} />}
          {publish.isError && <ErrorAlert error={publish.error} />}
          {saved !== null && !unchangedSinceSave && (
            <Text size="sm" c="dimmed">
              {t('workflowAdmin.saveFirst')}
            </Text>
          )}
        </Stack>
        <Group gap="sm">
          <Button
            variant="default"
            disabled={parsed.request === null || unchangedSinceSave}
            loading={save.isPending}
            onClick={() => {
              const request = parsed.request;
              if (request === null) return;
              save.mutate(request, {
                onSuccess: (version) => {
                  setSaved({ version, request });
                  setNotice(t('workflowAdmin.saved', { n: version.version }));
                },
              });
            }}
          >
            {t('workflowAdmin.save')}
          </Button>
          <Button
            disabled={!canPublish}
            loading={publish.isPending}
            onClick={() => {
              if (!saved) return;
              publish.mutate(saved.version.id, {
                onSuccess: (version) => {
                  setSaved({ version, request: saved.request });
                  setNotice(t('workflowAdmin.published', { n: version.version }));
                },
              });
            }}
          >
            {t('workflowAdmin.publish')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
