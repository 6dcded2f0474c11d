import { Form } from '@rjsf/mantine';
import type { RJSFSchema } from '@rjsf/utils';
import { eformValidator } from '../../../lib/eform/validator';

/** Renders an e-form (JSON Schema) as the citizen will see it; submitting only validates. */
export function EformPreview({ schema }: { schema: Record<string, unknown> }) {
  return (
    <Form
      schema={schema as RJSFSchema}
      validator={eformValidator}
      uiSchema={{ 'ui:submitButtonOptions': { submitText: 'Kiểm tra tờ khai' } }}
      noHtml5Validate
    />
  );
}
