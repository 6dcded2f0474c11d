import type { AttachmentView, ProcedureDetail } from '@motcua/contracts';
import { ActionIcon, Anchor, Badge, Group, Stack, Text, FileInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  acceptOf,
  megabytes,
  precheckFile,
  sizeLabel,
  useUploadLimit,
  type FileFormat,
} from '../files-api';

const ALL_FORMATS: readonly FileFormat[] = ['pdf', 'jpg', 'png', 'docx', 'xlsx'];

/** What the browser offers to pick when any accepted type will do; the server checks the bytes. */
export const ACCEPT = acceptOf(ALL_FORMATS);

/** One paper of the checklist as the filing and counter forms show it. */
export interface ChecklistSlot {
  name: string;
  /** Required in every case (a conditional paper is never refused for missing). */
  required: boolean;
  /** When it applies, in words; null = always. */
  condition: string | null;
  originals: number;
  copies: number;
  formats: readonly FileFormat[];
  note: string | null;
}

type ChecklistSource = Partial<Omit<ChecklistSlot, 'formats'>> & {
  name: string;
  formats?: readonly string[];
};

function slotOf(item: ChecklistSource): ChecklistSlot {
  const condition = item.condition ?? null;
  const formats = (item.formats ?? []).filter((f): f is FileFormat =>
    (ALL_FORMATS as readonly string[]).includes(f),
  );
  return {
    name: item.name,
    // A paper needed only in some cases cannot be demanded of everyone (contract: required
    // means required with no condition).
    required: (item.required ?? false) && condition === null,
    condition,
    originals: item.originals ?? 0,
    copies: item.copies ?? 0,
    formats: formats.length > 0 ? formats : ['pdf', 'jpg', 'png'],
    note: item.note ?? null,
  };
}

/**
 * The components to upload, in the order of the procedure's checklist (its index is the one the
 * server names in `components.<index>`): reviewed by the province, or proposed from the national
 * record, with officer-facing text already kept apart.
 */
export function checklistOf(detail: ProcedureDetail): ChecklistSlot[] {
  return detail.checklist.items.map(slotOf);
}

/** What the record says to officers only (kept out of the citizen's slots). */
export function officerNotesOf(detail: ProcedureDetail): string[] {
  return detail.checklist.officerNotes;
}

/** "Trường hợp người đi đăng ký là…" reads as "Nếu người đi đăng ký là…". */
export function conditionText(condition: string): string {
  const rest = condition.replace(/^\s*(trường hợp|nếu|khi)\s+/iu, '').trim();
  return rest.charAt(0).toLocaleLowerCase('vi') + rest.slice(1);
}

/** The formats as people name them: "PDF, JPG, PNG". */
export function formatsLabel(formats: readonly FileFormat[]): string {
  return formats.map((f) => f.toUpperCase()).join(', ');
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

/**
 * One checklist row: the paper's name (marked "Bắt buộc" when required), how many originals and
 * copies, the formats, the note, its files and a picker. A picked file too big or of a type the
 * item does not take is refused here, beside the slot, before any byte is sent; the server's
 * refusal (413/415) comes back through `error`, beside the slot too.
 */
export function ComponentRow({
  item,
  files,
  onPick,
  onRemove,
  busy,
  missing,
  error,
  id,
  extra,
}: {
  item: Pick<ChecklistSlot, 'name' | 'required'> & Partial<ChecklistSlot>;
  files: AttachmentView[];
  onPick: (file: File) => void;
  onRemove?: (file: AttachmentView) => void;
  busy?: boolean;
  /** A required paper still missing after a submit attempt. */
  missing?: boolean;
  /** The slot's own message (missing paper, server refusal); a local pre-check wins. */
  error?: string | null;
  /** The picker's id, for the error summary's link. */
  id?: string;
  extra?: React.ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const maxBytes = useUploadLimit();
  const [refused, setRefused] = useState<string | null>(null);
  const formats = item.formats ?? ALL_FORMATS;
  const shownError = refused ?? error ?? (missing ? t('files.missing') : null);
  const details = [
    item.originals !== undefined && item.copies !== undefined && item.originals + item.copies > 0
      ? t('files.counts', { originals: item.originals, copies: item.copies })
      : null,
    item.formats ? t('files.formats', { formats: formatsLabel(formats) }) : null,
  ].filter((d): d is string => d !== null);
  return (
    <Stack gap={4}>
      <Group gap="xs" wrap="wrap">
        <Text size="sm" fw={600}>
          {item.name}
        </Text>
        {item.required && (
          <Badge size="xs" color={shownError ? 'red' : 'gray'} variant="light">
            {t('files.required')}
          </Badge>
        )}
      </Group>
      {details.length > 0 && (
        <Text size="xs" c="dimmed">
          {details.join(' · ')}
        </Text>
      )}
      {item.note && <Text size="xs">{item.note}</Text>}
      <AttachmentList files={files} {...(onRemove ? { onRemove } : {})} />
      <FileInput
        {...(id ? { id } : {})}
        aria-label={t('files.pickFor', { name: item.name })}
        placeholder={busy ? t('files.uploading') : t('files.pick')}
        accept={acceptOf(formats)}
        value={null}
        disabled={busy}
        onChange={(file) => {
          if (!file) return;
          const problem = precheckFile(file, formats, maxBytes);
          if (problem?.problem === 'tooBig' && maxBytes !== null) {
            setRefused(
              t('files.tooBig', {
                name: file.name,
                size: megabytes(file.size, i18n.language),
                limit: megabytes(maxBytes, i18n.language),
              }),
            );
          } else if (problem) {
            setRefused(t('files.wrongType', { name: file.name, formats: formatsLabel(formats) }));
          } else {
            setRefused(null);
            onPick(file);
          }
        }}
        error={shownError}
      />
      {extra}
    </Stack>
  );
}
