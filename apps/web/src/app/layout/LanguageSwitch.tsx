import { NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, changeLanguage, currentLanguage, isLanguage } from '../../lib/i18n';

/** Native select: small, keyboard- and screen-reader-friendly on every phone. */
export function LanguageSwitch({ withLabel = false }: { withLabel?: boolean }) {
  const { t } = useTranslation();
  return (
    <NativeSelect
      // In the phone drawer there is room for a visible label; in the header the name is enough.
      {...(withLabel ? { label: t('language.label') } : { 'aria-label': t('language.label') })}
      title={t('language.label')}
      size="xs"
      value={currentLanguage()}
      data={LANGUAGES.map((language) => ({ value: language, label: t(`language.${language}`) }))}
      onChange={(event) => {
        const value = event.currentTarget.value;
        if (isLanguage(value)) void changeLanguage(value);
      }}
    />
  );
}
