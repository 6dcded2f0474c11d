import { Anchor, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../lib/ui/ErrorAlert';
import { LoadingState } from '../../../lib/ui/LoadingState';
import { SignInNotice } from '../../../lib/ui/SignInNotice';
import { useSession } from '../../identity/api';
import {
  ProvinceAdminNotice,
  useProvinceAdmin,
} from '../../identity/components/ProvinceAdminNotice';
import { useReviewBatches, useReviewProgress, useRunOnReport } from '../api';
import { ReviewRecorder } from './ReviewRecorder';

function Downloads({ base }: { base: string }) {
  const { t } = useTranslation();
  return (
    <Group gap="md">
      <Anchor href={`${base}?format=xlsx`} download>
        {t('review.downloadXlsx')}
      </Anchor>
      <Anchor href={`${base}?format=pdf`} download>
        {t('review.downloadPdf')}
      </Anchor>
    </Group>
  );
}

const num = new Intl.NumberFormat('vi-VN');

/**
 * The two tables of seed 000, computed from the catalogue, with XLSX and PDF downloads. The
 * run-on table is public; the review rounds are for officers, recording them for the province
 * administrator.
 */
export function ReviewDashboard({ signInPath }: { signInPath: string }) {
  const { t } = useTranslation();
  const session = useSession();
  const { allowed } = useProvinceAdmin();
  const staff = session.data != null && session.data.account.kind === 'officer';
  const runOn = useRunOnReport();
  const batches = useReviewBatches(staff);
  const [picked, setPicked] = useState<string | null>(null);
  const batchId = picked !== null ? Number(picked) : (batches.data?.items[0]?.id ?? null);
  const progress = useReviewProgress(batchId);

  return (
    <Stack gap="xl">
      <Stack component="section" gap="sm" aria-labelledby="run-on-heading">
        <Title order={2} size="h3" id="run-on-heading">
          {t('review.runOnTitle')}
        </Title>
        {runOn.isPending && <LoadingState />}
        {runOn.isError && <ErrorAlert error={runOn.error} onRetry={() => void runOn.refetch()} />}
        {runOn.data && (
          <>
            <Table.ScrollContainer minWidth={520}>
              <Table striped withTableBorder>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('review.department')}</Table.Th>
                    <Table.Th ta="right">{t('review.onMinistry')}</Table.Th>
                    <Table.Th ta="right">{t('review.onProvince')}</Table.Th>
                    <Table.Th ta="right">{t('review.percent')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {runOn.data.rows.map((r) => (
                    <Table.Tr key={r.department}>
                      <Table.Td>{r.department}</Table.Td>
                      <Table.Td ta="right">{num.format(r.onMinistry)}</Table.Td>
                      <Table.Td ta="right">{num.format(r.onProvince)}</Table.Td>
                      <Table.Td ta="right">{num.format(r.ministryPercent)}%</Table.Td>
                    </Table.Tr>
                  ))}
                  <Table.Tr fw={700}>
                    <Table.Td>{t('review.total')}</Table.Td>
                    <Table.Td ta="right">{num.format(runOn.data.total.onMinistry)}</Table.Td>
                    <Table.Td ta="right">{num.format(runOn.data.total.onProvince)}</Table.Td>
                    <Table.Td />
                  </Table.Tr>
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Downloads base="/api/catalog/reports/run-on" />
          </>
        )}
      </Stack>

      <Stack component="section" gap="sm" aria-labelledby="review-heading">
        <Title order={2} size="h3" id="review-heading">
          {t('review.progressTitle')}
        </Title>
        {!session.isPending && !staff && (
          <SignInNotice signInPath={signInPath} message={t('review.signInNeeded')} />
        )}
        {batches.isError && (
          <ErrorAlert error={batches.error} onRetry={() => void batches.refetch()} />
        )}
        {batches.data && batches.data.items.length === 0 && (
          <Text c="dimmed">{t('review.noBatch')}</Text>
        )}
        {batches.data && batches.data.items.length > 0 && (
          <Select
            label={t('review.batch')}
            data={batches.data.items.map((b) => ({ value: String(b.id), label: b.name }))}
            value={batchId !== null ? String(batchId) : null}
            onChange={setPicked}
            allowDeselect={false}
            w={{ base: '100%', sm: 320 }}
          />
        )}
        {progress.isError && (
          <ErrorAlert error={progress.error} onRetry={() => void progress.refetch()} />
        )}
        {progress.data && (
          <>
            <Table.ScrollContainer minWidth={640}>
              <Table striped withTableBorder>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('review.department')}</Table.Th>
                    <Table.Th ta="right">{t('review.totalProcedures')}</Table.Th>
                    <Table.Th ta="right">{t('review.adjust')}</Table.Th>
                    <Table.Th ta="right">{t('review.noAdjust')}</Table.Th>
                    <Table.Th ta="right">{t('review.reviewed')}</Table.Th>
                    <Table.Th ta="right">{t('review.remaining')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {[
                    ...progress.data.rows,
                    { department: t('review.total'), ...progress.data.total },
                  ].map((r) => (
                    <Table.Tr key={r.department}>
                      <Table.Td>{r.department}</Table.Td>
                      <Table.Td ta="right">{num.format(r.total)}</Table.Td>
                      <Table.Td ta="right">{num.format(r.adjust)}</Table.Td>
                      <Table.Td ta="right">{num.format(r.noAdjust)}</Table.Td>
                      <Table.Td ta="right">{num.format(r.reviewed)}</Table.Td>
                      <Table.Td ta="right">{num.format(r.remaining)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Downloads base={`/api/catalog/reviews/${progress.data.batch.id}/progress`} />
          </>
        )}
      </Stack>
      {staff && (
        <Stack component="section" gap="sm" aria-labelledby="record-heading">
          <Title order={2} size="h3" id="record-heading">
            {t('review.recordTitle')}
          </Title>
          <ProvinceAdminNotice signInPath={signInPath} />
          {allowed && <ReviewRecorder batchId={batchId} />}
        </Stack>
      )}
    </Stack>
  );
}
