import type { Agency, ChannelTerms, ProcedureDetail } from '@motcua/contracts';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  List,
  Select,
  Stack,
  Text,
  Title,
  type ComboboxItem,
  type OptionsFilter,
} from '@mantine/core';
import type { TFunction } from 'i18next';
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../identity/api';
import { useAgencies } from '../../organisation/api';
import { foldForSearch } from '../../../lib/search';
import { useProcedureVersions } from '../api';
import { formatTime } from './format';

/** The reviewed checklist the API serves beside the raw components (issue 15 item 1). */
interface ChecklistView {
  source: 'province' | 'catalogue';
  items: Array<{
    name: string;
    required: boolean;
    condition: string | null;
    originals: number;
    copies: number;
    formats: string[];
    note: string | null;
  }>;
}

const vnd = new Intl.NumberFormat('vi-VN');
const COMMUNE_LEVEL = 'Cấp xã';

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  const id = useId();
  return (
    <Stack component="section" gap="xs" aria-labelledby={id}>
      <Title order={2} size="h3" id={id}>
        {title}
      </Title>
      {children}
    </Stack>
  );
}

/** One labelled fact; a definition list reads well on a phone, unlike a two-column table. */
function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text component="dt" fw={600} size="sm">
        {label}
      </Text>
      <Text component="dd" m={0} size="sm">
        {children}
      </Text>
    </div>
  );
}

function Paragraphs({ text }: { text: string }) {
  const { t } = useTranslation();
  if (text.trim() === '') return <Text c="dimmed">{t('catalog.detail.noInfo')}</Text>;
  return (
    <Text style={{ whiteSpace: 'pre-line' }} size="sm">
      {text}
    </Text>
  );
}

const vnDate = (isoDate: string) =>
  new Date(`${isoDate}T00:00:00+07:00`).toLocaleDateString('vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  });

/** Per-channel texts shown once when every channel says the same, else channel by channel. */
function byChannel(
  t: TFunction,
  channels: ChannelTerms[],
  read: (terms: ChannelTerms['terms']) => string | null,
): string[] {
  const rows = channels
    .map((c) => ({ channel: c.channel, text: read(c.terms) }))
    .filter((r): r is { channel: ChannelTerms['channel']; text: string } => r.text !== null);
  const distinct = new Set(rows.map((r) => r.text));
  if (distinct.size <= 1) return [...distinct];
  return rows.map((r) =>
    t('catalog.detail.deadlineByChannel', {
      channel: t(`catalog.channels.${r.channel}`),
      time: r.text,
    }),
  );
}

/**
 * The processing time with its unit: the province's confirmed time first (it overrides the
 * national record, which lost the unit in 598 records), else the catalogue's where its unit is
 * known. A bare number is never shown: "1" could be hours or days.
 */
function deadlineLines(t: TFunction, detail: ProcedureDetail): string[] {
  const confirmed = detail.local.processingTime;
  if (confirmed) return [formatTime(t, confirmed.amount, confirmed.unit) ?? ''];
  return byChannel(t, detail.content.channels, (terms) => {
    const known = terms.filter((term) => term.timeValue !== null && term.timeUnit !== null);
    if (known.length === 0) return null;
    return [...new Set(known.map((term) => formatTime(t, term.timeValue, term.timeUnit)))].join(
      '; ',
    );
  });
}

function feeLines(t: TFunction, detail: ProcedureDetail): string[] {
  return byChannel(t, detail.content.channels, (terms) => {
    const amounts = [...new Set(terms.flatMap((term) => term.fees.map((f) => f.amountVnd)))];
    if (amounts.length === 0) return null;
    return amounts
      .map((a) =>
        a === null
          ? t('catalog.detail.feeUnknown')
          : a === 0
            ? t('catalog.detail.free')
            : t('catalog.detail.feeAmount', { amount: vnd.format(a) }),
      )
      .join('; ');
  });
}

// Online filing here needs the province to have opened it; a procedure moved to a ministry's
// system is filed there (seeds 001/004).
const canFileOnline = (detail: ProcedureDetail) =>
  detail.filing.where === 'province' && detail.local.onlineLevel !== 'none';

function WaysToFile({ detail }: { detail: ProcedureDetail }) {
  const { t } = useTranslation();
  const { content, local } = detail;
  const channels = new Set(content.channels.map((c) => c.channel));
  const online = canFileOnline(detail);
  const ways: Array<{ key: string; label: string; hint?: string }> = [];
  if (online) {
    ways.push(
      local.onlineLevel === 'full'
        ? {
            key: 'online',
            label: t('catalog.detail.ways.onlineFull'),
            hint: t('catalog.detail.onlineFullHint'),
          }
        : {
            key: 'online',
            label: t('catalog.detail.ways.onlinePartial'),
            hint: t('catalog.detail.onlinePartialHint'),
          },
    );
  }
  if (channels.has('direct') || channels.size === 0) {
    ways.push({ key: 'direct', label: t('catalog.detail.ways.direct') });
  }
  if (channels.has('postal')) ways.push({ key: 'postal', label: t('catalog.detail.ways.postal') });
  return (
    <Stack gap="xs">
      <List size="sm" spacing={4}>
        {ways.map((w) => (
          <List.Item key={w.key}>
            <span>{w.label}</span>
            {w.hint !== undefined && (
              <Text span size="xs" c="dimmed" display="block">
                {w.hint}
              </Text>
            )}
          </List.Item>
        ))}
      </List>
      {online && (
        <div>
          <Button component={Link} to={`/nop-ho-so/${content.code}`}>
            {t('catalog.detail.fileOnline')}
          </Button>
        </div>
      )}
    </Stack>
  );
}

const wardLabel = (committee: Agency) => committee.name.replace(/^Ủy ban nhân dân\s+/u, '');

// Accent-insensitive, like the procedure search: "tran bien" finds "Phường Trấn Biên".
const wardFilter: OptionsFilter = ({ options, search }) => {
  const needle = foldForSearch(search);
  return (options as ComboboxItem[]).filter((o) => foldForSearch(o.label).includes(needle));
};

/**
 * Where to file and who decides. A commune-level procedure is received by the ward's one-stop
 * centre and decided by the ward People's Committee (NĐ 118/2025 Art. 14; the same rule the
 * server applies when filing); otherwise the province's centre receives it for the agency the
 * province configured.
 */
function WhereToFile({
  detail,
  ward,
  onWardChange,
}: {
  detail: ProcedureDetail;
  ward: string | null;
  onWardChange: (code: string | null) => void;
}) {
  const { t } = useTranslation();
  const agencies = useAgencies({});
  const all = agencies.data?.items ?? [];
  const { content, local } = detail;
  const communeLevel = content.levels.includes(COMMUNE_LEVEL);
  const committees = useMemo(
    () =>
      (agencies.data?.items ?? [])
        .filter((a) => a.kind === 'commune_committee' && a.adminUnitCode !== null && a.active)
        .map((a) => ({ value: a.adminUnitCode ?? '', label: wardLabel(a) }))
        .sort((a, b) => a.label.localeCompare(b.label, 'vi')),
    [agencies.data],
  );

  let receiving: string | null = null;
  let deciding: string | null = null;
  if (communeLevel) {
    if (ward !== null) {
      const inWard = all.filter((a) => a.adminUnitCode === ward && a.active);
      receiving = inWard.find((a) => a.kind === 'commune_service_centre')?.name ?? null;
      deciding = inWard.find((a) => a.kind === 'commune_committee')?.name ?? null;
    }
  } else {
    const centre = all.find((a) => a.kind === 'service_centre' && a.active);
    receiving = centre ? t('catalog.detail.provinceCentre', { name: centre.name }) : null;
    deciding =
      all.find((a) => a.id === local.handlingAgencyId)?.name ??
      (content.competentAgency ||
        content.implementingAgencies.map((a) => a.name).join('; ') ||
        null);
  }

  return (
    <Stack gap="xs">
      {communeLevel && (
        <Select
          label={t('catalog.detail.ward')}
          description={t('catalog.detail.wardHint')}
          placeholder={t('catalog.detail.wardPlaceholder')}
          nothingFoundMessage={t('catalog.detail.wardNone')}
          data={committees}
          value={ward !== null && committees.some((c) => c.value === ward) ? ward : null}
          onChange={onWardChange}
          filter={wardFilter}
          searchable
          clearable
          maw={420}
          className="no-print"
        />
      )}
      {(receiving !== null || deciding !== null) && (
        <Stack component="dl" gap="xs" m={0} aria-live="polite">
          {receiving !== null && <Fact label={t('catalog.detail.receiving')}>{receiving}</Fact>}
          {deciding !== null && <Fact label={t('catalog.detail.deciding')}>{deciding}</Fact>}
        </Stack>
      )}
      {local.boundaryFree && <Text size="sm">{t('catalog.detail.boundaryFree')}</Text>}
    </Stack>
  );
}

function quantity(t: TFunction, originals: number | null, copies: number | null) {
  return [
    originals !== null && originals > 0 && t('catalog.detail.originals', { count: originals }),
    copies !== null && copies > 0 && t('catalog.detail.copies', { count: copies }),
  ]
    .filter(Boolean)
    .join(', ');
}

function Checklist({ checklist, online }: { checklist: ChecklistView; online: boolean }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      {checklist.source === 'catalogue' && (
        <Text size="sm" c="dimmed">
          {t('catalog.detail.checklistProposed')}
        </Text>
      )}
      <Stack component="ol" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
        {checklist.items.map((item, i) => {
          const count = quantity(t, item.originals, item.copies);
          return (
            <Card component="li" key={i} withBorder padding="sm">
              <Stack gap={4}>
                <Group gap="xs" wrap="wrap" align="baseline">
                  <Text fw={600} size="sm">
                    {item.name}
                  </Text>
                  {item.required && item.condition === null ? (
                    <Badge color="red" variant="light" size="sm">
                      {t('catalog.detail.required')}
                    </Badge>
                  ) : (
                    item.condition === null && (
                      <Badge color="gray" variant="light" size="sm">
                        {t('catalog.detail.optional')}
                      </Badge>
                    )
                  )}
                </Group>
                {item.condition !== null && (
                  <Text size="sm" fs="italic">
                    {t('catalog.detail.conditional', { condition: item.condition })}
                  </Text>
                )}
                {count !== '' && <Text size="sm">{count}</Text>}
                {item.note !== null && (
                  <Text size="xs" c="dimmed">
                    {item.note}
                  </Text>
                )}
                {online && (
                  <Text size="xs" c="dimmed">
                    {t('catalog.detail.formatsOnline', {
                      formats: item.formats.map((f) => f.toUpperCase()).join(', '),
                    })}
                  </Text>
                )}
              </Stack>
            </Card>
          );
        })}
      </Stack>
    </Stack>
  );
}

/** The national record's components as worded there, for whoever wants the source. */
function RawComponents({ detail }: { detail: ProcedureDetail }) {
  const { t } = useTranslation();
  const sets = detail.content.components;
  if (sets.length === 0) return <Text c="dimmed">{t('catalog.detail.noInfo')}</Text>;
  return (
    <Stack gap="sm">
      {sets.map((set, i) => (
        <Stack key={i} gap={4}>
          {set.case !== '' && <Text fw={600}>{set.case}</Text>}
          <List size="sm" spacing={4}>
            {set.items.map((item) => {
              const count = quantity(t, item.originals, item.copies) || item.quantityRaw;
              return (
                <List.Item key={item.code}>
                  <Text span size="sm" style={{ whiteSpace: 'pre-line' }}>
                    {item.name}
                  </Text>
                  {count !== '' && (
                    <Text span size="xs" c="dimmed">
                      {' '}
                      ({count})
                    </Text>
                  )}
                  {item.template !== '' && (
                    <Text size="xs" c="dimmed">
                      {t('catalog.detail.template')}: {item.template}
                    </Text>
                  )}
                </List.Item>
              );
            })}
          </List>
        </Stack>
      ))}
    </Stack>
  );
}

/**
 * Where the text comes from. The national record carries its decision's number but no date of
 * effect, and the stored date of a national or file version is when it was updated from the
 * national database, so it is labelled as such; only a province's edit has a date of effect.
 */
function Provenance({ detail }: { detail: ProcedureDetail }) {
  const { t } = useTranslation();
  const versions = useProcedureVersions(detail.content.code);
  const { version } = detail;
  const current = versions.data?.items.find((v) => v.number === version.number);
  const parts = [
    version.decisionNo !== '' && t('catalog.detail.decision', { decision: version.decisionNo }),
    current &&
      (current.source === 'edit'
        ? t('catalog.detail.editedByProvince', { date: vnDate(version.effectiveDate) })
        : t('catalog.detail.updatedFromNational', { date: vnDate(version.effectiveDate) })),
  ].filter(Boolean);
  if (parts.length === 0) return null;
  return (
    <Text size="xs" c="dimmed">
      {parts.join(' · ')}
    </Text>
  );
}

/** What the importer could not read: for the administrators who can fix it, not for citizens. */
function AdminIssues({ detail }: { detail: ProcedureDetail }) {
  const { t } = useTranslation();
  const session = useSession();
  const canManage = session.data?.roles.some((r) => r.role === 'province_admin') ?? false;
  if (!canManage || detail.parseIssues.length === 0) return null;
  return (
    <Alert color="yellow" title={t('catalog.detail.adminIssues')} className="no-print">
      <Stack gap={4}>
        <List size="xs">
          {detail.parseIssues.map((issue, i) => (
            <List.Item key={i}>
              {issue.message}
              {issue.raw !== '' && ` — ${t('catalog.detail.raw')}: "${issue.raw}"`}
            </List.Item>
          ))}
        </List>
        <Anchor component={Link} to={`/quan-tri/thu-tuc/${detail.content.code}`} size="sm">
          {t('catalog.detail.adminIssuesLink')}
        </Anchor>
      </Stack>
    </Alert>
  );
}

/** Everything a citizen needs before filing, in words, with the national record's text kept. */
export function ProcedureDetailView({
  detail,
  ward = null,
  onWardChange = () => undefined,
}: {
  detail: ProcedureDetail;
  ward?: string | null;
  onWardChange?: (code: string | null) => void;
}) {
  const { t } = useTranslation();
  const { content, local, filing } = detail;
  const steps = content.steps.flatMap((s) => s.steps);
  // Until every API serves the reviewed checklist, the raw components stand in for it.
  const checklist = (detail as { checklist?: ChecklistView }).checklist;
  const deadline = deadlineLines(t, detail);
  const fees = feeLines(t, detail);
  const cutoff = local.processingTime?.cutoffAfter ?? null;

  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Title order={1}>{content.name}</Title>
        <Group gap="xs" wrap="wrap">
          <Badge variant="light" color="gray">
            {t('catalog.code')}: {content.code}
          </Badge>
          {content.levels.map((l) => (
            <Badge key={l} variant="outline">
              {l}
            </Badge>
          ))}
        </Group>
        <Provenance detail={detail} />
      </Stack>

      <AdminIssues detail={detail} />

      {filing.where === 'ministry' && (
        <Alert color="orange" title={t('catalog.detail.fileMinistry')}>
          <Stack gap="xs">
            <Text size="sm">{t('catalog.detail.fileMinistryBody')}</Text>
            {filing.url !== null && (
              <Anchor href={filing.url} rel="noopener">
                {t('catalog.detail.goMinistry')}: {filing.url}
              </Anchor>
            )}
          </Stack>
        </Alert>
      )}

      <Section title={t('catalog.detail.facts')}>
        <Stack component="dl" gap="sm" m={0}>
          <Fact label={t('catalog.detail.deadline')}>
            <span>
              {deadline.length === 0 ? t('catalog.detail.deadlineUnknown') : deadline.join('; ')}
            </span>
            {cutoff !== null && (
              <Text span size="xs" c="dimmed" display="block">
                {t('catalog.detail.deadlineCutoff', { time: cutoff })}
              </Text>
            )}
          </Fact>
          <Fact label={t('catalog.detail.feeLabel')}>
            <span>{fees.length === 0 ? t('catalog.detail.noInfo') : fees.join('; ')}</span>
            {local.localFeeDecision !== null && (
              <Text span size="xs" c="dimmed" display="block">
                {t('catalog.detail.feeLocal', { decision: local.localFeeDecision })}
              </Text>
            )}
          </Fact>
        </Stack>
      </Section>

      {filing.where === 'province' && (
        <>
          <Section title={t('catalog.detail.fileHere')}>
            <WaysToFile detail={detail} />
          </Section>
          <Section title={t('catalog.detail.where')}>
            <WhereToFile detail={detail} ward={ward} onWardChange={onWardChange} />
          </Section>
        </>
      )}

      <Section title={t('catalog.detail.components')}>
        {checklist && checklist.items.length > 0 ? (
          <>
            <Checklist checklist={checklist} online={canFileOnline(detail)} />
            <details>
              <summary>
                <Text span size="sm">
                  {t('catalog.detail.componentsRaw')}
                </Text>
              </summary>
              <Stack mt="xs">
                <RawComponents detail={detail} />
              </Stack>
            </details>
          </>
        ) : (
          <RawComponents detail={detail} />
        )}
      </Section>

      <Section title={t('catalog.detail.steps')}>
        {steps.length === 0 ? (
          <Text c="dimmed">{t('catalog.detail.noInfo')}</Text>
        ) : (
          <List type="ordered" spacing={4} size="sm">
            {steps.map((s, i) => (
              <List.Item key={i}>{s}</List.Item>
            ))}
          </List>
        )}
      </Section>

      <Section title={t('catalog.detail.conditions')}>
        <Paragraphs text={content.conditions} />
      </Section>

      <Section title={t('catalog.detail.results')}>
        {content.results.length === 0 ? (
          <Text c="dimmed">{t('catalog.detail.noInfo')}</Text>
        ) : (
          <List size="sm">
            {content.results.map((r, i) => (
              <List.Item key={i}>
                {r.name}
                {r.code !== '' && ` (${r.code})`}
              </List.Item>
            ))}
          </List>
        )}
      </Section>

      <Section title={t('catalog.detail.other')}>
        <Stack component="dl" gap="sm" m={0}>
          <Fact label={t('catalog.detail.field')}>
            {content.fields.map((f) => f.name).join(', ') || t('catalog.detail.noInfo')}
          </Fact>
          <Fact label={t('catalog.detail.targetGroups')}>
            {content.targetGroups || t('catalog.detail.noInfo')}
          </Fact>
        </Stack>
      </Section>

      <Section title={t('catalog.detail.legalBasis')}>
        {content.legalBasis.length === 0 ? (
          <Text c="dimmed">{t('catalog.detail.noInfo')}</Text>
        ) : (
          <List size="sm">
            {content.legalBasis.map((d, i) => (
              <List.Item key={i}>
                {d.number !== '' && <strong>{d.number}</strong>} {d.title}
              </List.Item>
            ))}
          </List>
        )}
      </Section>

      <Group className="no-print">
        <Button variant="default" onClick={() => window.print()}>
          {t('catalog.detail.print')}
        </Button>
      </Group>
    </Stack>
  );
}
