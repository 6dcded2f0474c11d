import { Alert, Button, List, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api';

interface ErrorAlertProps {
  error: unknown;
  /** Shown as a retry button when given. */
  onRetry?: () => void;
  /** A failed action rather than a failed load ("Không tải được dữ liệu"). */
  title?: string;
}

/**
 * Shows a failed request. In Vietnamese the server's own message is shown; in other languages
 * the error code is translated.
 */
export function ErrorAlert({ error, onRetry, title }: ErrorAlertProps) {
  const { t, i18n } = useTranslation();
  const apiError = isApiError(error) ? error : null;
  const code = apiError?.code ?? 'INTERNAL';
  const useServerText = apiError !== null && apiError.fromServer && i18n.language === 'vi';
  const message = useServerText ? apiError.message : t(`errors.codes.${code}`);

  return (
    <Alert color="red" variant="light" title={title ?? t('errors.title')} role="alert">
      <Stack gap="xs">
        <Text size="sm">{message}</Text>
        {/* The server's message already is the one issue's; several are listed, without their
            field paths (forms with fields show them beside the fields through ErrorSummary). */}
        {useServerText && apiError.issues.length > 1 && (
          <List size="sm">
            {apiError.issues.map((issue) => (
              <List.Item key={`${issue.path}:${issue.message}`}>{issue.message}</List.Item>
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
