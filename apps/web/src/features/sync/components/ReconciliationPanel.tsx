import { Alert, Anchor, Button, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { MISMATCH_KINDS, type MismatchKind, type SyncMismatch } from '@motcua/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../lib/ui/ErrorAlert';
import { LoadingState } from '../../../lib/ui/LoadingState';
import {
  useReconciliation,
  useReconciliations,
  useResendMismatch,
  useRunReconciliation,
} from '../api';
import { useTargetName } from '../target-name';
import { UnitPeriodPicker, vietnamToday, type UnitPeriod } from './UnitPeriodPicker';
import { SyncTable } from './SyncTable';

const DATE_FIELDS = ['NgayNopHoSo', 'NgayTiepNhan', 'NgayHenTra', 'NgayKetThucXuLy'];

/** yyyyMMddHHmmss → dd/MM/yyyy HH:mm, as an officer reads it. */
const portalDate = (v: unknown) =>
  typeof v === 'string' && /^\d{14}$/.test(v)
    ? `${v.slice(6, 8)}/${v.slice(4, 6)}/${v.slice(0, 4)} ${v.slice(8, 10)}:${v.slice(10, 12)}`
    : '—';
const dmy = (d: string) => d.split('-').reverse().join('/');

/** What one side shows of the field a mismatch is about. */
function side(m: SyncMismatch, which: 'ours' | 'theirs', absent: string): string {
  const record = m[which];
  if (!record) return absent;
  switch (m.kind) {
    case 'status_differs':
      return String(record.TrangThaiHoSo ?? '—');
    case 'procedure_differs':
      return String(record.MaTTHC ?? '—');
    case 'dates_differ': {
      const other = which === 'ours' ? m.theirs : m.ours;
      return DATE_FIELDS.filter((f) => record[f] !== other?.[f])
        .map((f) => portalDate(record[f]))
        .join(', ');
    }
    default:
      return `${record.MaTTHC ?? ''} · ${record.TrangThaiHoSo ?? ''}`;
  }
}

/** Đối chiếu: run for a period and unit, then the mismatches by kind, each resendable. */
export function ReconciliationPanel() {
  const { t } = useTranslation();
  const targetName = useTargetName();
  const today = vietnamToday();
  const [period, setPeriod] = useState<UnitPeriod>({ from: today, to: today, agencyId: null });
  const [chosen, setChosen] = useState<string | null>(null);
  const [kind, setKind] = useState<'all' | MismatchKind>('all');
  const [done, setDone] = useState<string | null>(null);
  const runs = useReconciliations(true);
  const runNow = useRunReconciliation();
  const resend = useResendMismatch();
  const id = chosen ?? runs.data?.items[0]?.id ?? null;
  const run = useReconciliation(id);
  const backwards = period.from !== '' && period.to !== '' && period.from > period.to;

  const start = () => {
    if (backwards) return;
    setDone(null);
    runNow.mutate(
      {
        from: period.from,
        to: period.to,
        ...(period.agencyId ? { agencyId: period.agencyId } : {}),
      },
      { onSuccess: (r) => setChosen(r.id) },
    );
  };

  const mismatches = run.data?.mismatches ?? [];
  const shown = kind === 'all' ? mismatches : mismatches.filter((m) => m.kind === kind);
  const kindOptions = [
    { value: 'all', label: t('sync.reconcile.allKinds', { count: mismatches.length }) },
    ...MISMATCH_KINDS.map((k) => ({
      value: k,
      label: t('sync.reconcile.kindCount', {
        kind: t(`sync.kinds.${k}`),
        count: mismatches.filter((m) => m.kind === k).length,
      }),
    })),
  ];

  return (
    <Stack gap="md">
      <Text size="sm">{t('sync.reconcile.intro')}</Text>
      <UnitPeriodPicker
        value={period}
        onChange={setPeriod}
        action={t('sync.reconcile.run')}
        onAction={start}
        busy={runNow.isPending}
        error={backwards ? t('sync.reconcile.fromAfterTo') : null}
      />
      {runNow.isError && <ErrorAlert error={runNow.error} />}
      {resend.isError && <ErrorAlert error={resend.error} />}
      {done && (
        <Alert color="teal" variant="light" role="status">
          {done}
        </Alert>
      )}
      {runs.isPending || (id !== null && run.isPending) ? (
        <LoadingState />
      ) : runs.isError ? (
        <ErrorAlert error={runs.error} onRetry={() => void runs.refetch()} />
      ) : run.isError ? (
        <ErrorAlert error={run.error} onRetry={() => void run.refetch()} />
      ) : !run.data ? (
        <Alert color="gray" variant="light">
          {t('sync.reconcile.none')}
        </Alert>
      ) : (
        <Stack gap="sm" data-testid="reconciliation">
          <Group justify="space-between" wrap="wrap">
            <Text size="sm">
              {t('sync.reconcile.result', {
                dossiers: run.data.dossiers,
                from: dmy(run.data.from),
                to: dmy(run.data.to),
                unit: run.data.agencyName ?? t('sync.allUnits'),
                at: new Date(run.data.startedAt).toLocaleString('vi-VN', {
                  timeZone: 'Asia/Ho_Chi_Minh',
                }),
              })}
              {run.data.trigger === 'nightly' ? ` (${t('sync.reconcile.nightly')})` : ''}
            </Text>
            <Anchor
              href={`/api/admin/sync/reconciliations/${run.data.id}/export?format=xlsx`}
              download
            >
              {t('sync.exportXlsx')}
            </Anchor>
          </Group>
          {run.data.targets
            .filter((x) => x.error)
            .map((x) => (
              <Alert key={x.target} color="orange" variant="light" role="alert">
                {t('sync.reconcile.targetError', { target: targetName(x.target), error: x.error })}
              </Alert>
            ))}
          {mismatches.length === 0 ? (
            <Alert color="teal" variant="light">
              {t('sync.reconcile.noMismatch')}
            </Alert>
          ) : (
            <>
              {/* Wraps on a phone instead of widening the page. */}
              <SegmentedControl
                value={kind}
                onChange={(v) => setKind(v as 'all' | MismatchKind)}
                orientation="vertical"
                fullWidth
                hiddenFrom="md"
                data={kindOptions}
              />
              <SegmentedControl
                value={kind}
                onChange={(v) => setKind(v as 'all' | MismatchKind)}
                visibleFrom="md"
                data={kindOptions}
              />
              <SyncTable
                minWidth={720}
                rows={shown}
                rowKey={(m) => String(m.id)}
                rowTestId={(m) => `mismatch-${m.code}`}
                columns={[
                  { header: t('sync.code'), cell: (m) => m.code },
                  { header: t('sync.target'), cell: (m) => targetName(m.target) },
                  { header: t('sync.reconcile.kind'), cell: (m) => t(`sync.kinds.${m.kind}`) },
                  {
                    header: t('sync.reconcile.ours'),
                    cell: (m) => side(m, 'ours', t('sync.reconcile.absent')),
                  },
                  {
                    header: t('sync.reconcile.theirs'),
                    cell: (m) => side(m, 'theirs', t('sync.reconcile.absent')),
                  },
                  {
                    header: '',
                    cell: (m) =>
                      !m.resendable ? (
                        <Text size="xs" c="dimmed">
                          {t('sync.reconcile.askPortal')}
                        </Text>
                      ) : (
                        <Button
                          size="xs"
                          variant="light"
                          onClick={() => {
                            setDone(null);
                            resend.mutate(m.id, {
                              onSuccess: () =>
                                setDone(t('sync.reconcile.requeued', { code: m.code })),
                            });
                          }}
                          loading={resend.isPending && resend.variables === m.id}
                          disabled={resend.isPending}
                          aria-label={t('sync.reconcile.resendOne', {
                            code: m.code,
                            target: targetName(m.target),
                          })}
                        >
                          {m.resentAt ? t('sync.reconcile.resent') : t('sync.resend')}
                        </Button>
                      ),
                  },
                ]}
              />
            </>
          )}
        </Stack>
      )}
    </Stack>
  );
}
