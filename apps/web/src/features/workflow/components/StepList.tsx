import {
  Checkbox,
  ActionIcon,
  Button,
  Card,
  Group,
  NativeSelect,
  NumberInput,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import type { ProcessIssue, ProcessRole } from '@motcua/contracts';
import type { TFunction } from 'i18next';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';

import {
  ROLES,
  STEP_KINDS,
  errorAt,
  newConsult,
  newStep,
  type StepForm,
  type StepKindValue,
} from '../model';

/** Field suffixes whose issues show inside their input; the rest show under the step. */
const FIELDS = ['name', 'key', 'kind', 'role', 'unitCode', 'hours'] as const;

/**
 * The issues of a step that no input of it shows: the step itself ("Mã bước bị trùng"), a consult
 * row's own (too long), the transfer's budget, and anything unexpected under the step's path.
 * Issues of the transfer's own steps belong to those steps.
 */
function stepLevelIssues(
  issues: readonly ProcessIssue[],
  path: string,
  consults: number,
  hasTransfer: boolean,
) {
  const shownElsewhere = new Set<string>([
    ...FIELDS.map((f) => `${path}.${f}`),
    ...(hasTransfer ? [`${path}.transfer.agencyElectronicId`, `${path}.transfer.steps`] : []),
    ...Array.from({ length: consults }, (_, j) => [
      `${path}.consult[${j}]`,
      `${path}.consult[${j}].unitCode`,
      `${path}.consult[${j}].hours`,
    ]).flat(),
  ]);
  return issues.filter(
    (i) =>
      (i.path === path || i.path.startsWith(`${path}.`)) &&
      !i.path.startsWith(`${path}.transfer.steps[`) &&
      !shownElsewhere.has(i.path),
  );
}

function IssueLines({ issues }: { issues: readonly ProcessIssue[] }) {
  if (issues.length === 0) return null;
  return (
    <Stack gap={2}>
      {issues.map((i) => (
        <Text key={`${i.path}:${i.message}`} size="sm" c="red.8" data-issue-path={i.path}>
          ⚠ {i.message}
        </Text>
      ))}
    </Stack>
  );
}

const hoursProps = { min: 0, step: 0.5, decimalScale: 2, allowNegative: false } as const;

function kindOptions(t: TFunction) {
  return STEP_KINDS.map((k) => ({ value: k, label: t(`workflowAdmin.editor.kinds.${k}`) }));
}
function roleOptions(t: TFunction) {
  return ROLES.map((r) => ({ value: r, label: t(`workflowAdmin.editor.roles.${r}`) }));
}

interface StepCardProps {
  step: StepForm;
  path: string;
  label: string;
  index: number;
  count: number;
  nested: boolean;
  issues: readonly ProcessIssue[];
  onChange: (step: StepForm) => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
}

function StepCard({
  step,
  path,
  label,
  index,
  count,
  nested,
  issues,
  onChange,
  onMove,
  onRemove,
}: StepCardProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const set = <K extends keyof StepForm>(key: K, value: StepForm[K]) =>
    onChange({ ...step, [key]: value });
  const err = (field: string) => errorAt(issues, `${path}.${field}`);
  const consultPath = (j: number) => `${path}.consult[${j}]`;

  return (
    <Card
      withBorder
      padding="sm"
      role="group"
      aria-labelledby={titleId}
      bg={nested ? 'gray.0' : undefined}
      data-step-path={path}
    >
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Title order={nested ? 5 : 4} id={titleId} style={{ overflowWrap: 'anywhere' }}>
            {label}
            {step.name.trim() !== '' ? ` · ${step.name}` : ''}
          </Title>
          <Group gap={4} wrap="nowrap">
            <ActionIcon
              variant="default"
              aria-label={t('workflowAdmin.editor.up')}
              disabled={index === 0}
              onClick={() => onMove(-1)}
            >
              ↑
            </ActionIcon>
            <ActionIcon
              variant="default"
              aria-label={t('workflowAdmin.editor.down')}
              disabled={index === count - 1}
              onClick={() => onMove(1)}
            >
              ↓
            </ActionIcon>
            <ActionIcon
              variant="default"
              color="red"
              aria-label={t('workflowAdmin.editor.remove')}
              disabled={count === 1 && !nested}
              onClick={onRemove}
            >
              ✕
            </ActionIcon>
          </Group>
        </Group>

        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={t('workflowAdmin.editor.stepName')}
            value={step.name}
            onChange={(e) => set('name', e.currentTarget.value)}
            error={err('name')}
            required
          />
          <TextInput
            label={t('workflowAdmin.editor.key')}
            description={t('workflowAdmin.editor.keyHint')}
            value={step.key}
            onChange={(e) => set('key', e.currentTarget.value)}
            error={err('key')}
            required
            autoCapitalize="none"
            spellCheck={false}
          />
          <NativeSelect
            label={t('workflowAdmin.editor.kind')}
            data={kindOptions(t)}
            value={step.kind}
            onChange={(e) => set('kind', e.currentTarget.value as StepKindValue)}
            error={err('kind')}
          />
          <NativeSelect
            label={t('workflowAdmin.editor.role')}
            data={roleOptions(t)}
            value={step.role}
            onChange={(e) => set('role', e.currentTarget.value as ProcessRole)}
            error={err('role')}
          />
          <TextInput
            label={t('workflowAdmin.editor.unitCode')}
            description={t('workflowAdmin.editor.unitHint')}
            value={step.unitCode}
            onChange={(e) => set('unitCode', e.currentTarget.value)}
            error={err('unitCode')}
            autoCapitalize="characters"
            spellCheck={false}
          />
          <NumberInput
            label={t('workflowAdmin.editor.hours')}
            value={step.hours}
            onChange={(v) => set('hours', v)}
            error={err('hours')}
            required
            {...hoursProps}
          />
        </SimpleGrid>

        <Checkbox
          label={t('workflowAdmin.editor.requiresPayment')}
          description={t('workflowAdmin.editor.requiresPaymentHint')}
          checked={step.requiresPayment}
          onChange={(e) => set('requiresPayment', e.currentTarget.checked)}
        />

        <Stack gap="xs">
          <Text size="sm" fw={600}>
            {t('workflowAdmin.editor.consultTitle')}
          </Text>
          {step.consult.map((c, j) => (
            <Stack key={c.id} gap={4}>
              <Group gap="xs" align="flex-end" wrap="wrap">
                <TextInput
                  label={t('workflowAdmin.editor.consultUnit')}
                  value={c.unitCode}
                  onChange={(e) =>
                    set(
                      'consult',
                      step.consult.map((x, k) =>
                        k === j ? { ...x, unitCode: e.currentTarget.value } : x,
                      ),
                    )
                  }
                  error={errorAt(issues, `${consultPath(j)}.unitCode`)}
                  style={{ flex: '1 1 10rem' }}
                  spellCheck={false}
                />
                <NumberInput
                  label={t('workflowAdmin.editor.consultHours')}
                  value={c.hours}
                  onChange={(v) =>
                    set(
                      'consult',
                      step.consult.map((x, k) => (k === j ? { ...x, hours: v } : x)),
                    )
                  }
                  error={errorAt(issues, `${consultPath(j)}.hours`)}
                  style={{ flex: '1 1 8rem' }}
                  {...hoursProps}
                />
                <Button
                  variant="subtle"
                  color="red"
                  size="compact-sm"
                  mb={4}
                  onClick={() =>
                    set(
                      'consult',
                      step.consult.filter((_, k) => k !== j),
                    )
                  }
                >
                  {t('workflowAdmin.editor.removeConsult')}
                </Button>
              </Group>
              <IssueLines issues={issues.filter((i) => i.path === consultPath(j))} />
            </Stack>
          ))}
          <div>
            <Button
              variant="default"
              size="xs"
              onClick={() => set('consult', [...step.consult, newConsult()])}
            >
              {t('workflowAdmin.editor.addConsult')}
            </Button>
          </div>
        </Stack>

        {!nested && (
          <Stack gap="xs">
            <Switch
              label={t('workflowAdmin.editor.transfer')}
              checked={step.transfer !== null}
              onChange={(e) =>
                set(
                  'transfer',
                  e.currentTarget.checked
                    ? {
                        agencyElectronicId: '',
                        steps: [
                          {
                            ...newStep(t('workflowAdmin.newStepName'), 'receive'),
                            key: 'lt_tiep_nhan',
                          },
                        ],
                      }
                    : null,
                )
              }
            />
            {step.transfer !== null && (
              <Stack gap="xs" pl={{ base: 0, sm: 'md' }}>
                <Text size="sm" c="dimmed">
                  {t('workflowAdmin.editor.transferHint')}
                </Text>
                <TextInput
                  label={t('workflowAdmin.editor.transferAgency')}
                  placeholder="000.00.14.H75"
                  value={step.transfer.agencyElectronicId}
                  onChange={(e) =>
                    step.transfer &&
                    set('transfer', {
                      ...step.transfer,
                      agencyElectronicId: e.currentTarget.value,
                    })
                  }
                  error={err('transfer.agencyElectronicId')}
                  spellCheck={false}
                />
                <StepList
                  steps={step.transfer.steps}
                  path={`${path}.transfer.steps`}
                  nested
                  issues={issues}
                  onChange={(steps) =>
                    step.transfer && set('transfer', { ...step.transfer, steps })
                  }
                />
              </Stack>
            )}
          </Stack>
        )}

        <IssueLines
          issues={stepLevelIssues(issues, path, step.consult.length, step.transfer !== null)}
        />
      </Stack>
    </Card>
  );
}

/** A unique key for a new step: "buoc_5", or the next free number. */
function freeKey(steps: readonly StepForm[], prefix: string): string {
  const used = new Set(steps.map((s) => s.key));
  let n = steps.length + 1;
  while (used.has(`${prefix}${n}`)) n += 1;
  return `${prefix}${n}`;
}

/** Ordered steps (the process's own, or a transfer's): edit, add, remove, move up and down. */
export function StepList({
  steps,
  path,
  nested = false,
  issues,
  onChange,
}: {
  steps: StepForm[];
  /** "steps" or "steps[3].transfer.steps": the issue paths of the server. */
  path: string;
  nested?: boolean;
  issues: readonly ProcessIssue[];
  onChange: (steps: StepForm[]) => void;
}) {
  const { t } = useTranslation();
  const move = (i: number, delta: -1 | 1) => {
    const next = [...steps];
    const j = i + delta;
    if (j < 0 || j >= next.length) return;
    [next[i], next[j]] = [next[j]!, next[i]!];
    onChange(next);
  };
  return (
    <Stack gap="sm">
      {nested && <IssueLines issues={issues.filter((i) => i.path === path)} />}
      {steps.map((step, i) => (
        <StepCard
          key={step.id}
          step={step}
          path={`${path}[${i}]`}
          label={
            nested
              ? t('workflowAdmin.editor.transferStep', { n: i + 1 })
              : t('workflowAdmin.editor.step', { n: i + 1 })
          }
          index={i}
          count={steps.length}
          nested={nested}
          issues={issues}
          onChange={(s) => onChange(steps.map((x, k) => (k === i ? s : x)))}
          onMove={(delta) => move(i, delta)}
          onRemove={() => onChange(steps.filter((_, k) => k !== i))}
        />
      ))}
      <div>
        <Button
          variant="default"
          size="xs"
          onClick={() =>
            onChange([
              ...steps,
              {
                ...newStep(t('workflowAdmin.newStepName')),
                key: freeKey(steps, nested ? 'lt_buoc_' : 'buoc_'),
              },
            ])
          }
        >
          {nested ? t('workflowAdmin.editor.addTransferStep') : t('workflowAdmin.editor.addStep')}
        </Button>
      </div>
    </Stack>
  );
}
