import { useTranslation } from 'react-i18next';
import { isKnownTarget } from './api';

/** A national system's name as officers call it ("Cổng DVCQG"), or its code when unknown. */
export function useTargetName() {
  const { t } = useTranslation();
  return (target: string) => (isKnownTarget(target) ? t(`sync.targets.${target}`) : target);
}
