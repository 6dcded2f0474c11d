import { EformForm } from '../../../lib/eform/EformForm';

/** The administrator's preview: submitting only validates. */
export function EformPreview({ schema }: { schema: Record<string, unknown> }) {
  return <EformForm schema={schema} submitText="Kiểm tra tờ khai" />;
}
