import type { UnitType } from '@motcua/contracts';
import { Badge, type MantineColor } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const colors: Record<UnitType, MantineColor> = {
  ward: 'blue',
  commune: 'green',
  special_zone: 'grape',
  town: 'teal',
  district: 'gray',
  city: 'gray',
  province: 'gray',
};

export function UnitTypeBadge({ type }: { type: UnitType }) {
  const { t } = useTranslation();
  return (
    <Badge color={colors[type]} variant="light" tt="none">
      {t(`communes.types.${type}`)}
    </Badge>
  );
}
