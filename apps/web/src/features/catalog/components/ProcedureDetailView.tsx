import type { ProcedureDetail } from '@motcua/contracts';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  List,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatFee, formatTime } from './format';

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Stack component="section" gap="xs">
      <Title order={2} size="h3">
        {title}
      </Title>
      {children}
    </Stack>
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

/** Everything a citizen needs before filing, in the order the national catalogue uses. */
export function ProcedureDetailView({ detail }: { detail: ProcedureDetail }) {
  const { t } = useTranslation();
  const { content, local, filing, version } = detail;
  const steps = content.steps.flatMap((s) => s.steps);

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
          <Badge variant="light">{t(`catalog.onlineLevels.${local.onlineLevel}`)}</Badge>
        </Group>
        <Text size="xs" c="dimmed">
          {t('catalog.detail.version', {
            number: version.number,
            date: new Date(`${version.effectiveDate}T00:00:00+07:00`).toLocaleDateString('vi-VN'),
            decision: version.decisionNo || '—',
          })}
        </Text>
      </Stack>

      {filing.where === 'ministry' ? (
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
      ) : (
        <Alert color="green" title={t('catalog.detail.fileHere')}>
          <Stack gap={4}>
            <Text size="sm">{t('catalog.detail.fileHereBody')}</Text>
            {local.boundaryFree && <Text size="sm">{t('catalog.detail.boundaryFree')}</Text>}
            {content.channels.some((c) => c.channel === 'online') && (
              <div>
                <Button component={Link} to={`/nop-ho-so/${content.code}`} mt="xs">
                  {t('catalog.detail.fileOnline')}
                </Button>
              </div>
            )}
          </Stack>
        </Alert>
      )}

      {detail.parseIssues.length > 0 && (
        <Text size="xs" c="dimmed">
          {t('catalog.detail.parseIssues', { count: detail.parseIssues.length })}
        </Text>
      )}

      <Table variant="vertical" withTableBorder layout="fixed">
        <Table.Tbody>
          <Table.Tr>
            <Table.Th w={200}>{t('catalog.detail.field')}</Table.Th>
            <Table.Td>{content.fields.map((f) => f.name).join(', ') || '—'}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('catalog.detail.targetGroups')}</Table.Th>
            <Table.Td>{content.targetGroups || '—'}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('catalog.detail.agencies')}</Table.Th>
            <Table.Td>{content.implementingAgencies.map((a) => a.name).join('; ') || '—'}</Table.Td>
          </Table.Tr>
          {content.competentAgency !== '' && (
            <Table.Tr>
              <Table.Th>{t('catalog.detail.competent')}</Table.Th>
              <Table.Td>{content.competentAgency}</Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>

      <Section title={t('catalog.detail.channels')}>
        <Table.ScrollContainer minWidth={560}>
          <Table striped withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('catalog.detail.channel')}</Table.Th>
                <Table.Th>{t('catalog.detail.time')}</Table.Th>
                <Table.Th>{t('catalog.detail.fees')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {content.channels.flatMap((c) =>
                c.terms.map((term, i) => (
                  <Table.Tr key={`${c.channel}-${i}`}>
                    <Table.Td>{t(`catalog.channels.${c.channel}`)}</Table.Td>
                    <Table.Td>
                      {formatTime(t, term.timeValue, term.timeUnit) ?? t('catalog.detail.noInfo')}
                    </Table.Td>
                    <Table.Td>
                      {term.fees.length === 0
                        ? t('catalog.detail.noInfo')
                        : term.fees.map((f) => formatFee(t, f.amountVnd)).join('; ')}
                    </Table.Td>
                  </Table.Tr>
                )),
              )}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {content.channels.length > 0 && (
          <details>
            <summary>
              <Text span size="xs">
                {t('catalog.detail.raw')}
              </Text>
            </summary>
            <Stack gap={4} mt="xs">
              {content.channels.flatMap((c) =>
                c.terms.map((term, i) => (
                  <Text key={`${c.channel}-raw-${i}`} size="xs" c="dimmed">
                    {t(`catalog.channels.${c.channel}`)}: {term.raw}
                  </Text>
                )),
              )}
            </Stack>
          </details>
        )}
      </Section>

      <Section title={t('catalog.detail.components')}>
        {content.components.length === 0 && <Text c="dimmed">{t('catalog.detail.noInfo')}</Text>}
        {content.components.map((set, i) => (
          <Stack key={i} gap={4}>
            {set.case !== '' && <Text fw={600}>{set.case}</Text>}
            <Table.ScrollContainer minWidth={560}>
              <Table withTableBorder>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('catalog.detail.componentName')}</Table.Th>
                    <Table.Th w={180}>{t('catalog.detail.template')}</Table.Th>
                    <Table.Th w={160}>{t('catalog.detail.quantity')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {set.items.map((item) => (
                    <Table.Tr key={item.code}>
                      <Table.Td style={{ whiteSpace: 'pre-line' }}>{item.name}</Table.Td>
                      <Table.Td>{item.template || '—'}</Table.Td>
                      <Table.Td>
                        {[
                          item.originals !== null &&
                            t('catalog.detail.originals', { count: item.originals }),
                          item.copies !== null &&
                            t('catalog.detail.copies', { count: item.copies }),
                        ]
                          .filter(Boolean)
                          .join(', ') ||
                          item.quantityRaw ||
                          '—'}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Stack>
        ))}
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
