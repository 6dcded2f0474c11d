import { Anchor } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ProcedureSearch } from '../../features/catalog/components/ProcedureSearch';
import { Page } from '../../lib/ui/Page';
import { paths } from '../paths';

export function ProceduresPage() {
  const { t } = useTranslation();
  return (
    <Page
      title={t('catalog.title')}
      intro={t('catalog.intro')}
      extra={
        <Anchor component={Link} to={paths.listing} size="sm">
          {t('catalog.listing')}
        </Anchor>
      }
    >
      <ProcedureSearch />
    </Page>
  );
}
