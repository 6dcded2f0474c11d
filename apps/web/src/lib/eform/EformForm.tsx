import type { FormProps } from '@rjsf/core';
import { Form } from '@rjsf/mantine';
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import { useMemo } from 'react';
import { eformValidator } from './validator';

interface EformFormProps {
  schema: Record<string, unknown>;
  formData?: Record<string, unknown>;
  submitText: string;
  onSubmit?: (data: Record<string, unknown>) => void;
  /** More of the form's props: errors shown from outside (extraErrors), ids, change events. */
  formProps?: Partial<Omit<FormProps, 'schema' | 'validator'>>;
}

/**
 * The fields' order as the e-form states it (`x-order`, see withFieldOrder in the contracts):
 * a stored e-form's keys come back in jsonb's order, not the author's.
 */
export function uiOrder(schema: unknown): UiSchema {
  if (typeof schema !== 'object' || schema === null) return {};
  const node = schema as Record<string, unknown>;
  const ui: UiSchema = {};
  const props = node['properties'];
  if (typeof props === 'object' && props !== null) {
    if (Array.isArray(node['x-order'])) ui['ui:order'] = [...(node['x-order'] as string[]), '*'];
    for (const [key, child] of Object.entries(props)) {
      const inner = uiOrder(child);
      if (Object.keys(inner).length > 0) ui[key] = inner;
    }
  }
  const items = uiOrder(node['items']);
  if (Object.keys(items).length > 0) ui['items'] = items;
  return ui;
}

/** An e-form (JSON Schema) as the citizen fills it, validated without eval (CSP-safe). */
export function EformForm({ schema, formData, submitText, onSubmit, formProps }: EformFormProps) {
  const uiSchema = useMemo(
    () => ({ ...uiOrder(schema), 'ui:submitButtonOptions': { submitText } }),
    [schema, submitText],
  );
  return (
    <Form
      schema={schema as RJSFSchema}
      validator={eformValidator}
      formData={formData}
      uiSchema={uiSchema}
      noHtml5Validate
      onSubmit={(e) => onSubmit?.((e.formData ?? {}) as Record<string, unknown>)}
      {...formProps}
    />
  );
}
