import { Alert, Button, List, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api';

interface ErrorAlertProps {
  error: unknown;
  /** Shown as a retry button when given. */
  onRetry?: () => void;
}

/**
 * Shows a failed request. In Vietnamese the server's own message is shown; in other languages
 * the error code is translated.
 */
export function ErrorAlert({ error, onRetry }: ErrorAlertProps) {
  const { t, i18n } = useTranslation();
  const apiError = isApiError(error) ? error : null;
  const code = apiError?.code ?? 'INTERNAL';
  const useServerText = apiError !== null && apiError.fromServer && i18n.language === 'vi';
  const message = useServerText ? apiError.message : t(`errors.codes.${code}`);

  return (
    <Alert color="red" variant="light" title={t('errors.title')} role="alert">
      <Stack gap="xs">
        <Text size="sm">{message}</Text>
        {apiError !== null && apiError.issues.length > 0 && (
          <List size="sm">
            {apiError.issues.map((issue) => (
              <List.Item key={`${issue.path}:${issue.message}`}>
                {issue.path !== '' ? `${issue.path}: ${issue.message}` : issue.message}
              </List.Item>
            ))}
          </List>
        )}
        {apiError?.requestId != null && (
          <Text size="xs" c="dimmed">
            {t('errors.requestId', { id: apiError.requestId })}
          </Text>
        )}
        {onRetry !== undefined && (
          <div>
            <Button variant="outline" color="red" size="xs" onClick={onRetry}>
              {t('common.retry')}
            </Button>
          </div>
        )}
      </Stack>
    </Alert>
  );
}
