import { useCallback, useMemo, useState } from 'react';
import { isApiError, type ClientErrorCode } from '../api';

/**
 * One problem with what a person entered: `path` names the field the way the server's
 * `issues[].path` does ("contact.phone", "formData.child.birthDate", "components.2"); '' when it
 * belongs to no field. `label` (the field's name) only prefixes the summary entry, for messages
 * that do not say which field they are about ("Chưa nhập thông tin bắt buộc").
 */
export interface FieldError {
  path: string;
  message: string;
  label?: string;
}

/** The DOM id of the field a path names; forms give their inputs this id. */
export function fieldId(path: string): string {
  return `field-${path}`;
}

/**
 * Moves the focus to a field (GOV.UK error summary: each link puts the person in the field),
 * opening the collapsed sections around it first. Answers false when no such field is shown.
 */
export function focusField(path: string): boolean {
  const element = document.getElementById(fieldId(path));
  if (!element) return false;
  for (let up = element.parentElement; up; up = up.parentElement) {
    if (up instanceof HTMLDetailsElement) up.open = true;
  }
  element.scrollIntoView({ block: 'center' });
  element.focus({ preventScroll: true });
  return true;
}

/**
 * A failed request as field errors: the server's issues when it sent them (each linked to its
 * field by path), else its one message. In other languages than Vietnamese the server's text is
 * replaced by the translated error code, as ErrorAlert does.
 */
export function errorsFromRequest(
  error: unknown,
  translateCode: (code: ClientErrorCode) => string,
  language: string,
): FieldError[] {
  if (!isApiError(error)) return [{ path: '', message: translateCode('INTERNAL') }];
  const useServerText = error.fromServer && language === 'vi';
  if (error.issues.length > 0 && useServerText) {
    return error.issues.map((i) => ({ path: i.path, message: i.message }));
  }
  if (error.issues.length > 0) {
    return error.issues.map((i) => ({ path: i.path, message: translateCode(error.code) }));
  }
  return [{ path: '', message: useServerText ? error.message : translateCode(error.code) }];
}

/**
 * The errors of one form: what the summary lists and what each field shows beside itself.
 * `show` replaces them and asks the summary to take the focus (a new submit attempt).
 */
export function useFieldErrors() {
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const show = useCallback((list: FieldError[]) => {
    // One entry per field: the server may report a field twice, the summary says it once.
    const seen = new Set<string>();
    setErrors(
      list.filter((e) => {
        const key = e.path === '' ? `:${e.message}` : e.path;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      }),
    );
    setAttempt((n) => n + 1);
  }, []);
  const clear = useCallback(() => setErrors([]), []);
  /** Drops one field's error once the person changed it. */
  const clearField = useCallback(
    (path: string) => setErrors((list) => list.filter((e) => e.path !== path)),
    [],
  );
  const errorOf = useCallback(
    (path: string) => errors.find((e) => e.path === path)?.message ?? null,
    [errors],
  );
  return useMemo(
    () => ({ errors, attempt, show, clear, clearField, errorOf }),
    [errors, attempt, show, clear, clearField, errorOf],
  );
}

export type FieldErrors = ReturnType<typeof useFieldErrors>;
