import type { AttachmentView, ProcedureDetail } from '@motcua/contracts';
import { ActionIcon, Anchor, Badge, Group, Stack, Text, FileInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { sizeLabel } from '../files-api';

/** What the browser offers to pick; the server checks the bytes anyway. */
export const ACCEPT =
  'application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png,.docx,.xlsx,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface ChecklistItem {
  name: string;
  required: boolean;
}

/**
 * The components to upload: the province's checklist when configured (it says which are
 * required), else the catalogue's, all optional: the national data does not mark them, and its
 * rows mix papers with notes ("Trường hợp gửi qua bưu chính…").
 */
export function checklistOf(detail: ProcedureDetail): ChecklistItem[] {
  if (detail.local.checklist.length > 0) {
    return detail.local.checklist.map((c) => ({ name: c.name, required: c.required }));
  }
  const seen = new Set<string>();
  const items: ChecklistItem[] = [];
  for (const group of detail.content.components) {
    for (const c of group.items) {
      if (seen.has(c.name)) continue;
      seen.add(c.name);
      items.push({ name: c.name, required: false });
    }
  }
  return items;
}

/** Files as links (download), each with size and, for officers, the digitised mark. */
export function AttachmentList({
  files,
  onRemove,
}: {
  files: AttachmentView[];
  onRemove?: (file: AttachmentView) => void;
}) {
  const { t } = useTranslation();
  if (files.length === 0) return null;
  return (
    <Stack component="ul" gap={4} p={0} m={0} style={{ listStyle: 'none' }}>
      {files.map((f) => (
        <Group component="li" key={f.id} gap="xs" wrap="nowrap">
          <Anchor
            href={f.url}
            target="_blank"
            rel="noopener"
            size="sm"
            style={{ wordBreak: 'break-all' }}
          >
            {f.fileName}
          </Anchor>
          <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
            {sizeLabel(f.sizeBytes)}
          </Text>
          {f.digitised && (
            <Badge size="xs" variant="light">
              {t('files.digitised')}
            </Badge>
          )}
          {onRemove && (
            <ActionIcon
              variant="subtle"
              color="red"
              size="sm"
              aria-label={t('files.remove', { name: f.fileName })}
              onClick={() => onRemove(f)}
            >
              ×
            </ActionIcon>
          )}
        </Group>
      ))}
    </Stack>
  );
}

/** One checklist row: the component's name, its files, a picker labelled with the name. */
export function ComponentRow({
  item,
  files,
  onPick,
  onRemove,
  busy,
  missing,
  extra,
}: {
  item: ChecklistItem;
  files: AttachmentView[];
  onPick: (file: File) => void;
  onRemove?: (file: AttachmentView) => void;
  busy?: boolean;
  missing?: boolean;
  extra?: React.ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      <Group gap="xs" wrap="wrap">
        <Text size="sm" fw={600}>
          {item.name}
        </Text>
        {item.required && (
          <Badge size="xs" color={missing ? 'red' : 'gray'} variant="light">
            {t('files.required')}
          </Badge>
        )}
      </Group>
      <AttachmentList files={files} {...(onRemove ? { onRemove } : {})} />
      <FileInput
        aria-label={t('files.pickFor', { name: item.name })}
        placeholder={t('files.pick')}
        accept={ACCEPT}
        value={null}
        disabled={busy}
        onChange={(file) => {
          if (file) onPick(file);
        }}
        {...(missing ? { error: t('files.missing') } : {})}
      />
      {extra}
    </Stack>
  );
}
