import { Validator, type OutputUnit, type Schema } from '@cfworker/json-schema';
import {
  ErrorSchemaBuilder,
  type RJSFSchema,
  type RJSFValidationError,
  type ValidationData,
  type ValidatorType,
} from '@rjsf/utils';

/**
 * JSON Schema validation for e-forms without `eval`: the usual AJV validator compiles schemas
 * with `new Function`, which our Content-Security-Policy (script-src 'self') forbids, and e-forms
 * are data edited at run time, so they cannot be precompiled. @cfworker/json-schema interprets.
 */

// Keywords that only wrap the errors of their children; the children carry the message.
const WRAPPERS = new Set(['properties', 'items', 'allOf', 'anyOf', 'oneOf', '$ref', 'if', 'then']);

const MESSAGES: Record<string, string> = {
  required: 'Chưa nhập thông tin bắt buộc',
  pattern: 'Không đúng định dạng',
  format: 'Không đúng định dạng',
  type: 'Sai kiểu dữ liệu',
  minLength: 'Quá ngắn',
  maxLength: 'Quá dài',
  minimum: 'Nhỏ hơn giá trị cho phép',
  maximum: 'Lớn hơn giá trị cho phép',
  enum: 'Không thuộc các giá trị cho phép',
};

function run(schema: RJSFSchema, data: unknown): OutputUnit[] {
  const result = new Validator(schema as Schema, '2020-12', false).validate(data ?? {});
  return result.valid ? [] : result.errors;
}

/** "#/a/0/b" → ["a", "0", "b"]; a `required` error points at the missing child. */
function pathOf(unit: OutputUnit): string[] {
  const parts = unit.instanceLocation.replace(/^#\/?/, '').split('/').filter(Boolean);
  if (unit.keyword === 'required') {
    const missing = /"([^"]+)"/.exec(unit.error)?.[1];
    if (missing !== undefined) parts.push(missing);
  }
  return parts.map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function toErrors(units: OutputUnit[]): RJSFValidationError[] {
  return units
    .filter((u) => !WRAPPERS.has(u.keyword))
    .map((u) => {
      const path = pathOf(u);
      const message = MESSAGES[u.keyword] ?? 'Giá trị không hợp lệ';
      return {
        name: u.keyword,
        property: path.length === 0 ? '.' : `.${path.join('.')}`,
        message,
        stack: `${path.join('.') || 'tờ khai'}: ${message}`,
        schemaPath: u.keywordLocation,
      };
    });
}

export const eformValidator: ValidatorType = {
  validateFormData(formData, schema, customValidate, transformErrors, uiSchema) {
    let errors = toErrors(run(schema, formData));
    if (transformErrors) errors = transformErrors(errors, uiSchema);
    const builder = new ErrorSchemaBuilder();
    for (const e of errors) {
      builder.addErrors(e.message ?? '', e.property === '.' ? undefined : e.property?.slice(1));
    }
    // E-forms are pure JSON Schema: no custom validation functions are configured anywhere.
    void customValidate;
    const data: ValidationData<unknown> = { errors, errorSchema: builder.ErrorSchema };
    return data;
  },
  isValid(schema, formData, rootSchema) {
    try {
      const withDefs = { ...schema, $defs: rootSchema.$defs, definitions: rootSchema.definitions };
      return run(withDefs as RJSFSchema, formData).length === 0;
    } catch {
      return false;
    }
  },
  rawValidation(schema, formData) {
    try {
      return { errors: run(schema, formData) as never[] };
    } catch (error) {
      return { validationError: error as Error };
    }
  },
};
