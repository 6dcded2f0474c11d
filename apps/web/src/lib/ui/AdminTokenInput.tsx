import { PasswordInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { readAdminToken, storeAdminToken } from '../api';

/** Where an administrator types the x-admin-token; kept for this tab only. */
export function AdminTokenInput() {
  const { t } = useTranslation();
  const [token, setToken] = useState(readAdminToken);
  return (
    <PasswordInput
      label={t('common.adminToken.label')}
      description={t('common.adminToken.hint')}
      value={token}
      onChange={(e) => {
        setToken(e.currentTarget.value);
        storeAdminToken(e.currentTarget.value);
      }}
      w={{ base: '100%', sm: 320 }}
    />
  );
}
