import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDeployedProvince } from '../../features/system/api';
import { usePageTitle } from '../../lib/ui/use-page-title';
import { paths } from '../paths';

interface ServiceCardProps {
  title: string;
  body: string;
  /** Where the service lives; absent while the service is not built yet. */
  to?: string;
  linkLabel?: string;
}

function ServiceCard({ title, body, to, linkLabel }: ServiceCardProps) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="md" component="article">
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Title order={3} size="h4">
            {title}
          </Title>
          <Badge color={to !== undefined ? 'green' : 'gray'} variant="light">
            {to !== undefined ? t('common.available') : t('common.comingSoon')}
          </Badge>
        </Group>
        <Text size="sm">{body}</Text>
        {to !== undefined && (
          <Anchor component={Link} to={to} size="sm">
            {linkLabel ?? t('common.open')}
          </Anchor>
        )}
      </Stack>
    </Card>
  );
}

/** Public portal home: what the citizen can do here. */
export function HomePage() {
  const { t } = useTranslation();
  usePageTitle(null);
  const province = useDeployedProvince();

  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Title order={1}>{t('home.title')}</Title>
        <Text>{t('home.intro', { province: province.name ?? t('home.provinceFallback') })}</Text>
      </Stack>
      <section aria-labelledby="services-heading">
        <Title order={2} size="h3" id="services-heading" mb="sm">
          {t('home.servicesHeading')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <ServiceCard
            title={t('home.procedures.title')}
            body={t('home.procedures.body')}
            to={paths.procedures}
            linkLabel={t('home.procedures.link')}
          />
          <ServiceCard
            title={t('home.submit.title')}
            body={t('home.submit.body')}
            to={paths.procedures}
            linkLabel={t('home.submit.link')}
          />
          <ServiceCard
            title={t('home.track.title')}
            body={t('home.track.body')}
            to={paths.tracking}
            linkLabel={t('home.track.link')}
          />
          <ServiceCard
            title={t('home.communes.title')}
            body={t('home.communes.body')}
            to={paths.communes}
            linkLabel={t('home.communes.link')}
          />
        </SimpleGrid>
      </section>
    </Stack>
  );
}
