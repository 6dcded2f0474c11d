import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isKnownTarget, useDossierSync } from '../api';

/**
 * One short line per national system: the status it shows for this dossier, or why not. Shows
 * nothing while loading or when the call fails: the dossier page never waits on it.
 */
export function DossierSyncLine({ code }: { code: string }) {
  const { t } = useTranslation();
  const sync = useDossierSync(code);
  if (!sync.data || sync.data.targets.length === 0) return null;
  return (
    <Stack gap={2} data-testid="dossier-sync">
      {sync.data.targets.map((s) => (
        <Text key={s.target} size="sm" c={s.lastError ? 'red' : undefined}>
          {isKnownTarget(s.target) ? t(`sync.shortTargets.${s.target}`) : s.target}:{' '}
          {s.lastError
            ? t('sync.dossierError', { error: s.lastError })
            : s.portalStatus
              ? t('sync.dossierShown', { status: s.portalStatus })
              : t('sync.dossierAbsent')}
        </Text>
      ))}
    </Stack>
  );
}
