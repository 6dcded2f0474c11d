import {
  ChecklistFormat,
  ProcedureChecklist,
  type ChecklistItem,
  type LocalConfig,
  type ProcedureDetail,
} from '@motcua/contracts';
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  List,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiGet } from '../../../lib/api';
import { ErrorAlert } from '../../../lib/ui/ErrorAlert';
import { LoadingState } from '../../../lib/ui/LoadingState';
import { useAgencies } from '../../organisation/api';
import { useUpdateLocalConfig } from '../api';
import { PaymentRuleFields } from './PaymentRuleFields';
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

      <PaymentRuleFields value={form.payment} onChange={(value) => set('payment', value)} />

      <ChecklistEditor
        detail={detail}
        items={form.checklist}
        onChange={(items) => set('checklist', items)}
      />

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

const NEW_ITEM: ChecklistItem = {
  name: '',
  required: true,
  condition: null,
  originals: 1,
  copies: 0,
  formats: ['pdf', 'jpg', 'png'],
  note: null,
};

/**
 * The review (rà soát) of a procedure's components: each paper with whether it is required, when
 * it applies, how many originals and copies, the file types accepted online and a note for the
 * citizen; the proposal parsed from the national record can be loaded to start from, and the
 * record's text for officers is shown apart, read-only.
 */
function ChecklistEditor({
  detail,
  items,
  onChange,
}: {
  detail: ProcedureDetail;
  items: ChecklistItem[];
  onChange: (items: ChecklistItem[]) => void;
}) {
  const { t } = useTranslation();
  const [loading, setLoading] = useState(false);
  const [loaded, setLoaded] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const code = detail.content.code;

  const loadProposal = async () => {
    setLoading(true);
    setError(null);
    try {
      const proposal = await apiGet(
        `/api/admin/procedures/${code}/checklist-proposal`,
        ProcedureChecklist,
      );
      onChange(proposal.items);
      setLoaded(proposal.items.length);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  };

  return (
    <Card withBorder component="section">
      <Stack gap="sm">
        <Group justify="space-between">
          <Group gap="xs">
            <Title order={2} size="h4">
              {t('catalogAdmin.checklistTitle')}
            </Title>
            <Badge
              variant="light"
              color={detail.checklist.source === 'province' ? 'green' : 'gray'}
            >
              {detail.checklist.source === 'province'
                ? t('catalogAdmin.sourceProvince')
                : t('catalogAdmin.sourceCatalogue')}
            </Badge>
          </Group>
          <Group gap="xs">
            <Button
              variant="default"
              size="xs"
              loading={loading}
              onClick={() => void loadProposal()}
            >
              {t('catalogAdmin.useProposal')}
            </Button>
            <Button variant="default" size="xs" onClick={() => onChange([...items, NEW_ITEM])}>
              {t('catalogAdmin.addItem')}
            </Button>
          </Group>
        </Group>
        {error !== null && <ErrorAlert error={error} />}
        {loaded !== null && (
          <Alert color="blue" role="status">
            {t('catalogAdmin.proposalLoaded', { count: loaded })}
          </Alert>
        )}
        {items.length === 0 ? (
          <Text c="dimmed" size="sm">
            {t('catalogAdmin.noChecklist')}
          </Text>
        ) : (
          items.map((item, i) => {
            const update = (patch: Partial<ChecklistItem>) =>
              onChange(items.map((x, j) => (j === i ? { ...x, ...patch } : x)));
            const label = t('catalogAdmin.itemLabel', { n: i + 1 });
            return (
              <Card key={i} withBorder padding="sm" role="group" aria-label={label}>
                <Stack gap="xs">
                  <Group justify="space-between" align="flex-start" wrap="nowrap">
                    <Textarea
                      style={{ flex: 1 }}
                      autosize
                      minRows={1}
                      label={label}
                      value={item.name}
                      onChange={(e) => update({ name: e.currentTarget.value })}
                    />
                    <ActionIcon
                      mt={28}
                      variant="subtle"
                      color="red"
                      aria-label={`${t('catalogAdmin.removeItem')}: ${label}`}
                      onClick={() => onChange(items.filter((_, j) => j !== i))}
                    >
                      ×
                    </ActionIcon>
                  </Group>
                  <SimpleGrid cols={{ base: 1, sm: 3 }}>
                    <Checkbox
                      mt={{ base: 0, sm: 28 }}
                      label={t('catalogAdmin.required')}
                      checked={item.required}
                      onChange={(e) => update({ required: e.currentTarget.checked })}
                    />
                    {(['originals', 'copies'] as const).map((key) => (
                      <NumberInput
                        key={key}
                        label={t(`catalogAdmin.${key}`)}
                        min={0}
                        max={20}
                        value={item[key]}
                        onChange={(v) => update({ [key]: Number(v) || 0 })}
                      />
                    ))}
                  </SimpleGrid>
                  <TextInput
                    label={t('catalogAdmin.condition')}
                    description={t('catalogAdmin.conditionHint')}
                    value={item.condition ?? ''}
                    onChange={(e) => update({ condition: e.currentTarget.value || null })}
                  />
                  <Checkbox.Group
                    label={t('catalogAdmin.formats')}
                    value={item.formats}
                    onChange={(v) =>
                      update({ formats: ChecklistFormat.options.filter((f) => v.includes(f)) })
                    }
                  >
                    <Group gap="md" mt={4}>
                      {ChecklistFormat.options.map((f) => (
                        <Checkbox key={f} value={f} label={f.toUpperCase()} />
                      ))}
                    </Group>
                  </Checkbox.Group>
                  <Textarea
                    autosize
                    minRows={1}
                    label={t('catalogAdmin.note')}
                    description={t('catalogAdmin.noteHint')}
                    value={item.note ?? ''}
                    onChange={(e) => update({ note: e.currentTarget.value || null })}
                  />
                </Stack>
              </Card>
            );
          })
        )}
        {detail.checklist.officerNotes.length > 0 && (
          <Card withBorder padding="sm" bg="gray.0" component="section">
            <Stack gap="xs">
              <Title order={3} size="h5">
                {t('catalogAdmin.officerNotes')}
              </Title>
              <Text size="sm" c="dimmed">
                {t('catalogAdmin.officerNotesHint')}
              </Text>
              <List size="sm" spacing={4}>
                {detail.checklist.officerNotes.map((note, i) => (
                  <List.Item key={i}>{note}</List.Item>
                ))}
              </List>
            </Stack>
          </Card>
        )}
      </Stack>
    </Card>
  );
}
