import { Anchor, Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDeployedProvince } from '../../features/system/api';
import { usePageTitle } from '../../lib/ui/use-page-title';
import { paths } from '../paths';

interface ServiceCardProps {
  title: string;
  body: string;
  to: string;
  linkLabel: string;
}

/** Every service listed here works today: no "coming soon" promises on the citizens' first page. */
function ServiceCard({ title, body, to, linkLabel }: ServiceCardProps) {
  return (
    <Card withBorder padding="md" component="article">
      <Stack gap="xs">
        <Title order={3} size="h4">
          {title}
        </Title>
        <Text size="sm">{body}</Text>
        <Anchor component={Link} to={to} size="sm">
          {linkLabel}
        </Anchor>
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
