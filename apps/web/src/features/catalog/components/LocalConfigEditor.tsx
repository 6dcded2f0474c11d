import type { LocalConfig, ProcedureDetail } from '@motcua/contracts';
import {
  ActionIcon,
  Alert,
  Button,
  Card,
  Checkbox,
  Group,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../lib/ui/ErrorAlert';
import { LoadingState } from '../../../lib/ui/LoadingState';
import { useAgencies } from '../../organisation/api';
import { useUpdateLocalConfig } from '../api';
import { ProcessingTimeFields } from './ProcessingTimeFields';

// The form library is heavy; only administrators opening this page download it.
const EformPreview = lazy(() =>
  import('./EformPreview').then((m) => ({ default: m.EformPreview })),
);

/** A starting point: the applicant fields every dossier needs (prefilled from VNeID later). */
function starterEform(detail: ProcedureDetail): Record<string, unknown> {
  return {
    title: `Tờ khai ${detail.content.name}`,
    type: 'object',
    required: ['hoTen', 'soDinhDanh'],
    properties: {
      hoTen: { type: 'string', title: 'Họ và tên người yêu cầu' },
      soDinhDanh: {
        type: 'string',
        title: 'Số định danh cá nhân',
        pattern: '^[0-9]{12}$',
      },
      ngaySinh: { type: 'string', format: 'date', title: 'Ngày sinh' },
      diaChi: { type: 'string', title: 'Nơi cư trú' },
      soDienThoai: { type: 'string', title: 'Số điện thoại' },
    },
  };
}

function parseSchema(text: string): {
  schema: Record<string, unknown> | null;
  error: string | null;
} {
  if (text.trim() === '') return { schema: null, error: null };
  try {
    const value: unknown = JSON.parse(text);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      return { schema: null, error: 'Biểu mẫu phải là một đối tượng JSON Schema.' };
    }
    return { schema: value as Record<string, unknown>, error: null };
  } catch (e) {
    return { schema: null, error: `JSON không hợp lệ: ${(e as Error).message}` };
  }
}

/** The province's configuration of one procedure: where it runs, owner, e-form and checklist. */
export function LocalConfigEditor({ detail }: { detail: ProcedureDetail }) {
  const { t } = useTranslation();
  const [form, setForm] = useState<LocalConfig>(detail.local);
  const [eformText, setEformText] = useState(
    detail.local.eform === null ? '' : JSON.stringify(detail.local.eform, null, 2),
  );
  const agencies = useAgencies({});
  const save = useUpdateLocalConfig(detail.content.code);
  const eform = useMemo(() => parseSchema(eformText), [eformText]);
  const set = <K extends keyof LocalConfig>(key: K, value: LocalConfig[K]) =>
    setForm((f) => ({ ...f, [key]: value }));

  const fromComponents = () =>
    set(
      'checklist',
      detail.content.components.flatMap((c) =>
        c.items.map((item) => ({
          name: item.name.slice(0, 500),
          required: true,
          originals: Math.min(item.originals ?? 0, 20),
          copies: Math.min(item.copies ?? 0, 20),
        })),
      ),
    );

  return (
    <Stack gap="lg">
      <Card withBorder component="section">
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t('catalogAdmin.whereTitle')}
          </Title>
          <SegmentedControl
            value={form.runOn}
            onChange={(v) => set('runOn', v === 'ministry' ? 'ministry' : 'province')}
            data={[
              { value: 'province', label: t('catalogAdmin.runOnProvince') },
              { value: 'ministry', label: t('catalogAdmin.runOnMinistry') },
            ]}
          />
          {form.runOn === 'ministry' && (
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                type="date"
                label={t('catalogAdmin.cutoverDate')}
                description={t('catalogAdmin.cutoverHint')}
                value={form.cutoverDate ?? ''}
                onChange={(e) => set('cutoverDate', e.currentTarget.value || null)}
              />
              <TextInput
                type="url"
                label={t('catalogAdmin.ministryUrl')}
                value={form.ministrySystemUrl ?? ''}
                onChange={(e) => set('ministrySystemUrl', e.currentTarget.value || null)}
              />
            </SimpleGrid>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('catalogAdmin.handlingAgency')}
              data={(agencies.data?.items ?? []).map((a) => ({ value: a.id, label: a.name }))}
              value={form.handlingAgencyId}
              onChange={(v) => set('handlingAgencyId', v)}
              searchable
              clearable
            />
            <Select
              label={t('catalogAdmin.onlineLevel')}
              data={(['full', 'partial', 'none'] as const).map((v) => ({
                value: v,
                label: t(`catalog.onlineLevels.${v}`),
              }))}
              value={form.onlineLevel}
              onChange={(v) => set('onlineLevel', v === 'full' || v === 'none' ? v : 'partial')}
              allowDeselect={false}
            />
          </SimpleGrid>
          <TextInput
            label={t('catalogAdmin.localFee')}
            placeholder="Nghị quyết số …/2026/NQ-HĐND"
            value={form.localFeeDecision ?? ''}
            onChange={(e) => set('localFeeDecision', e.currentTarget.value || null)}
          />
          <Switch
            label={t('catalog.detail.boundaryFree')}
            checked={form.boundaryFree}
            onChange={(e) => set('boundaryFree', e.currentTarget.checked)}
          />
        </Stack>
      </Card>

      <ProcessingTimeFields
        value={form.processingTime}
        onChange={(value) => set('processingTime', value)}
      />

      <Card withBorder component="section">
        <Stack gap="sm">
          <Group justify="space-between">
            <Title order={2} size="h4">
              {t('catalogAdmin.checklistTitle')}
            </Title>
            <Group gap="xs">
              <Button variant="default" size="xs" onClick={fromComponents}>
                {t('catalogAdmin.fromComponents')}
              </Button>
              <Button
                variant="default"
                size="xs"
                onClick={() =>
                  set('checklist', [
                    ...form.checklist,
                    { name: '', required: true, originals: 1, copies: 0 },
                  ])
                }
              >
                {t('catalogAdmin.addItem')}
              </Button>
            </Group>
          </Group>
          {form.checklist.length === 0 ? (
            <Text c="dimmed" size="sm">
              {t('catalogAdmin.noChecklist')}
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={640}>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('catalog.detail.componentName')}</Table.Th>
                    <Table.Th w={90}>{t('catalogAdmin.required')}</Table.Th>
                    <Table.Th w={110}>{t('catalogAdmin.originals')}</Table.Th>
                    <Table.Th w={110}>{t('catalogAdmin.copies')}</Table.Th>
                    <Table.Th w={60} />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {form.checklist.map((item, i) => {
                    const update = (patch: Partial<typeof item>) =>
                      set(
                        'checklist',
                        form.checklist.map((x, j) => (j === i ? { ...x, ...patch } : x)),
                      );
                    return (
                      <Table.Tr key={i}>
                        <Table.Td>
                          <Textarea
                            autosize
                            minRows={1}
                            aria-label={t('catalog.detail.componentName')}
                            value={item.name}
                            onChange={(e) => update({ name: e.currentTarget.value })}
                          />
                        </Table.Td>
                        <Table.Td>
                          <Checkbox
                            aria-label={t('catalogAdmin.required')}
                            checked={item.required}
                            onChange={(e) => update({ required: e.currentTarget.checked })}
                          />
                        </Table.Td>
                        {(['originals', 'copies'] as const).map((key) => (
                          <Table.Td key={key}>
                            <NumberInput
                              aria-label={t(`catalogAdmin.${key}`)}
                              min={0}
                              max={20}
                              value={item[key]}
                              onChange={(v) => update({ [key]: Number(v) || 0 })}
                            />
                          </Table.Td>
                        ))}
                        <Table.Td>
                          <ActionIcon
                            variant="subtle"
                            color="red"
                            aria-label={t('catalogAdmin.removeItem')}
                            onClick={() =>
                              set(
                                'checklist',
                                form.checklist.filter((_, j) => j !== i),
                              )
                            }
                          >
                            ×
                          </ActionIcon>
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Stack>
      </Card>

      <Card withBorder component="section">
        <Stack gap="sm">
          <Group justify="space-between">
            <Title order={2} size="h4">
              {t('catalogAdmin.eformTitle')}
            </Title>
            {eformText.trim() === '' && (
              <Button
                variant="default"
                size="xs"
                onClick={() => setEformText(JSON.stringify(starterEform(detail), null, 2))}
              >
                {t('catalogAdmin.eformStarter')}
              </Button>
            )}
          </Group>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Textarea
              label={t('catalogAdmin.eformSchema')}
              description={t('catalogAdmin.eformHint')}
              value={eformText}
              onChange={(e) => setEformText(e.currentTarget.value)}
              autosize
              minRows={12}
              maxRows={30}
              error={eform.error}
              styles={{ input: { fontFamily: 'monospace', fontSize: 12 } }}
            />
            <Stack gap="xs" aria-label={t('catalogAdmin.eformPreview')}>
              <Text fw={600} size="sm">
                {t('catalogAdmin.eformPreview')}
              </Text>
              {eform.schema === null ? (
                <Text c="dimmed" size="sm">
                  {t('catalogAdmin.eformEmpty')}
                </Text>
              ) : (
                <Card withBorder>
                  <Suspense fallback={<LoadingState />}>
                    <EformPreview schema={eform.schema} />
                  </Suspense>
                </Card>
              )}
            </Stack>
          </SimpleGrid>
        </Stack>
      </Card>

      {save.isError && <ErrorAlert error={save.error} />}
      {save.isSuccess && (
        <Alert color="green" role="status">
          {t('catalogAdmin.saved')}
        </Alert>
      )}
      <Group>
        <Button
          loading={save.isPending}
          disabled={eform.error !== null}
          onClick={() => save.mutate({ ...form, eform: eform.schema })}
        >
          {t('catalogAdmin.save')}
        </Button>
      </Group>
    </Stack>
  );
}
