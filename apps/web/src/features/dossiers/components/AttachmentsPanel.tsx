import type { AttachmentPurpose, DossierView } from '@motcua/contracts';
import {
  Button,
  Card,
  Checkbox,
  FileInput,
  Group,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../lib/ui/ErrorAlert';
import { useDossierUpload } from '../files-api';
import { ACCEPT, AttachmentList } from './Attachments';

const PURPOSES = ['filing', 'supplement', 'result'] as const;

/**
 * The officer's view of a dossier's files (every download is logged as a personal-data read) and
 * one upload: a scanned paper, a supplement brought to the counter, or the electronic result.
 */
export function AttachmentsPanel({ dossier }: { dossier: DossierView }) {
  const { t } = useTranslation();
  const upload = useDossierUpload(dossier.code);
  const [purpose, setPurpose] = useState<AttachmentPurpose>(
    dossier.status === 'waiting_supplement' ? 'supplement' : 'result',
  );
  const [component, setComponent] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [digitised, setDigitised] = useState(true);
  const groups = PURPOSES.map((p) => ({
    purpose: p,
    files: dossier.attachments.filter((a) => a.purpose === p),
  })).filter((g) => g.files.length > 0);

  return (
    <Card withBorder>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('files.filesTitle')}
        </Title>
        {groups.length === 0 && <Text size="sm">{t('files.none')}</Text>}
        {groups.map((g) => (
          <Stack key={g.purpose} gap={2}>
            <Text size="sm" fw={600}>
              {t(`files.purposes.${g.purpose}`)}
            </Text>
            <AttachmentList files={g.files} />
          </Stack>
        ))}
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!file) return;
            upload.mutate(
              {
                file,
                component: component.trim() || t(`files.purposes.${purpose}`),
                purpose,
                digitised: purpose !== 'result' && digitised,
              },
              {
                onSuccess: () => {
                  setFile(null);
                  setComponent('');
                },
              },
            );
          }}
        >
          <Stack gap="xs">
            <Group grow wrap="wrap" align="flex-end">
              <Select
                label={t('files.purpose')}
                data={PURPOSES.map((p) => ({ value: p, label: t(`files.purposes.${p}`) }))}
                value={purpose}
                onChange={(v) => v && setPurpose(v as AttachmentPurpose)}
                allowDeselect={false}
              />
              <TextInput
                label={t('files.component')}
                value={component}
                onChange={(e) => setComponent(e.currentTarget.value)}
              />
            </Group>
            <FileInput
              label={t('files.file')}
              placeholder={t('files.pick')}
              accept={ACCEPT}
              value={file}
              onChange={setFile}
              clearable
            />
            {purpose !== 'result' && (
              <Checkbox
                label={t('files.digitisedCheck')}
                checked={digitised}
                onChange={(e) => setDigitised(e.currentTarget.checked)}
              />
            )}
            {upload.isError && <ErrorAlert error={upload.error} />}
            <Group>
              <Button type="submit" loading={upload.isPending} disabled={!file}>
                {t('files.upload')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Stack>
    </Card>
  );
}
