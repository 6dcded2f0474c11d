import { Anchor, List, Paper, Text, Title } from '@mantine/core';
import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldId, focusField, type FieldError } from './field-errors';

interface ErrorSummaryProps {
  errors: readonly FieldError[];
  /** Changes at each submit attempt: the summary then takes the focus (and is read out). */
  attempt: number;
  /**
   * Goes to a field whose link was followed; by default focuses it on this page. Multi-step
   * forms pass their own to show the field's step first.
   */
  onSelect?: (path: string) => void;
}

/**
 * The GOV.UK error summary: at the top of the form, titled "Có lỗi cần sửa", focused after a
 * failed submit, each problem a link that puts the person in the field (whose own message stands
 * beside it). Problems that belong to no field are listed as plain text.
 */
export function ErrorSummary({ errors, attempt, onSelect }: ErrorSummaryProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const shown = errors.length > 0;

  useEffect(() => {
    if (attempt > 0 && shown) {
      ref.current?.focus({ preventScroll: true });
      ref.current?.scrollIntoView({ block: 'start' });
    }
    // Only a new attempt moves the focus, not errors cleared one by one while typing.
  }, [attempt]);

  if (!shown) return null;
  return (
    <Paper
      ref={ref}
      role="alert"
      aria-labelledby={titleId}
      tabIndex={-1}
      withBorder
      p="md"
      data-testid="error-summary"
      style={{
        borderColor: 'var(--mantine-color-red-7)',
        borderWidth: 3,
        outlineOffset: 2,
        // Scrolled to, it stands below the fixed header rather than under it.
        scrollMarginTop: 'calc(var(--app-shell-header-offset, 0rem) + var(--mantine-spacing-sm))',
      }}
    >
      <Title order={2} size="h4" id={titleId} mb="xs">
        {t('errorSummary.title')}
      </Title>
      <List size="sm" spacing={4}>
        {errors.map((e) => {
          const text = e.label ? `${e.label}: ${e.message}` : e.message;
          return (
            <List.Item key={`${e.path}:${e.message}`}>
              {e.path === '' ? (
                <Text size="sm">{text}</Text>
              ) : (
                <Anchor
                  href={`#${fieldId(e.path)}`}
                  c="red.8"
                  fw={600}
                  size="sm"
                  onClick={(event) => {
                    event.preventDefault();
                    if (onSelect) onSelect(e.path);
                    else focusField(e.path);
                  }}
                >
                  {text}
                </Anchor>
              )}
            </List.Item>
          );
        })}
      </List>
    </Paper>
  );
}
