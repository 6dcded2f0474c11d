import { Form } from '@rjsf/mantine';
import type { RJSFSchema } from '@rjsf/utils';
import { eformValidator } from './validator';

interface EformFormProps {
  schema: Record<string, unknown>;
  formData?: Record<string, unknown>;
  submitText: string;
  onSubmit?: (data: Record<string, unknown>) => void;
}

/** An e-form (JSON Schema) as the citizen fills it, validated without eval (CSP-safe). */
export function EformForm({ schema, formData, submitText, onSubmit }: EformFormProps) {
  return (
    <Form
      schema={schema as RJSFSchema}
      validator={eformValidator}
      formData={formData}
      uiSchema={{ 'ui:submitButtonOptions': { submitText } }}
      noHtml5Validate
      onSubmit={(e) => onSubmit?.((e.formData ?? {}) as Record<string, unknown>)}
    />
  );
}
