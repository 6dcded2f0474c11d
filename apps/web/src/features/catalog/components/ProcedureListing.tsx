import type { ProcedureSummary } from '@motcua/contracts';
import { Button, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAdminUnits } from '../../geography/api';
import { useDeployedProvince } from '../../system/api';
import { ErrorAlert } from '../../../lib/ui/ErrorAlert';
import { LoadingState } from '../../../lib/ui/LoadingState';
import { useAllProcedures, useProcedureFacets } from '../api';
import { formatTime } from './format';

function QrImage({ code }: { code: string }) {
  const { t } = useTranslation();
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const url = `${window.location.origin}/thu-tuc/${code}`;
    void QRCode.toDataURL(url, { margin: 1, width: 88, errorCorrectionLevel: 'M' }).then(
      (data) => live && setSrc(data),
    );
    return () => {
      live = false;
    };
  }, [code]);
  return src === null ? null : (
    <img src={src} width={88} height={88} alt={t('catalog.listingPage.qrAlt', { code })} />
  );
}

function ListingTable({ items }: { items: ProcedureSummary[] }) {
  const { t } = useTranslation();
  return (
    <Table withTableBorder withColumnBorders>
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={48}>{t('catalog.listingPage.number')}</Table.Th>
          <Table.Th>{t('catalog.title')}</Table.Th>
          <Table.Th w={160}>{t('catalog.detail.time')}</Table.Th>
          <Table.Th w={104}>QR</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((item, i) => (
          <Table.Tr key={item.code} style={{ breakInside: 'avoid' }}>
            <Table.Td>{i + 1}</Table.Td>
            <Table.Td>
              <Text size="sm" fw={500}>
                {item.name}
              </Text>
              <Text size="xs" c="dimmed">
                {t('catalog.code')}: {item.code}
                {item.field !== '' && ` · ${item.field}`}
              </Text>
            </Table.Td>
            <Table.Td>
              {item.processingTime
                ? formatTime(t, item.processingTime.value, item.processingTime.unit)
                : '—'}
            </Table.Td>
            <Table.Td>
              <QrImage code={item.code} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** The public listing (niêm yết) for one one-stop centre, printable, a QR code per procedure. */
export function ProcedureListing() {
  const { t } = useTranslation();
  const province = useDeployedProvince();
  const units = useAdminUnits(province.code, { enabled: !province.isPending });
  const facets = useProcedureFacets();
  const [unit, setUnit] = useState<string | null>(null);
  const [level, setLevel] = useState<string>('Cấp xã');
  const procedures = useAllProcedures(level);
  const unitName =
    units.data?.items.find((u) => u.code === unit)?.fullName ??
    province.name ??
    t('home.provinceFallback');

  return (
    <Stack gap="md">
      <Group gap="md" align="flex-end" wrap="wrap" className="no-print">
        <Select
          label={t('catalog.listingPage.unitLabel')}
          data={(units.data?.items ?? []).map((u) => ({ value: u.code, label: u.fullName }))}
          value={unit}
          onChange={setUnit}
          searchable
          clearable
          w={{ base: '100%', sm: 320 }}
        />
        <Select
          label={t('catalog.listingPage.levelLabel')}
          data={(facets.data?.levels ?? []).map((l) => ({ value: l.name, label: l.name }))}
          value={level}
          onChange={(v) => setLevel(v ?? 'Cấp xã')}
          allowDeselect={false}
          w={{ base: '100%', sm: 200 }}
        />
        <Button onClick={() => window.print()} disabled={!procedures.data}>
          {t('catalog.listingPage.print')}
        </Button>
      </Group>
      {procedures.isPending && <LoadingState />}
      {procedures.isError && (
        <ErrorAlert error={procedures.error} onRetry={() => void procedures.refetch()} />
      )}
      {procedures.data && (
        <Stack gap="xs">
          <Title order={2} ta="center" size="h3">
            {t('catalog.listingPage.heading')}
          </Title>
          <Text ta="center" size="sm">
            {t('catalog.listingPage.subheading', {
              unit: unitName,
              count: procedures.data.length,
              level,
            })}
          </Text>
          <ListingTable items={procedures.data} />
        </Stack>
      )}
    </Stack>
  );
}
