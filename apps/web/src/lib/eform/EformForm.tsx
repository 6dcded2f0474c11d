import type { FormProps } from '@rjsf/core';
import { Form } from '@rjsf/mantine';
import type { RJSFSchema } from '@rjsf/utils';
import { eformValidator } from './validator';

interface EformFormProps {
  schema: Record<string, unknown>;
  formData?: Record<string, unknown>;
  submitText: string;
  onSubmit?: (data: Record<string, unknown>) => void;
  /** More of the form's props: errors shown from outside (extraErrors), ids, change events. */
  formProps?: Partial<Omit<FormProps, 'schema' | 'validator'>>;
}

/** An e-form (JSON Schema) as the citizen fills it, validated without eval (CSP-safe). */
export function EformForm({ schema, formData, submitText, onSubmit, formProps }: EformFormProps) {
  return (
    <Form
      schema={schema as RJSFSchema}
      validator={eformValidator}
      formData={formData}
      uiSchema={{ 'ui:submitButtonOptions': { submitText } }}
      noHtml5Validate
      onSubmit={(e) => onSubmit?.((e.formData ?? {}) as Record<string, unknown>)}
      {...formProps}
    />
  );
}
