import { Validator, type OutputUnit, type Schema } from '@cfworker/json-schema';
import { validateEform } from '@motcua/contracts';
import {
  ErrorSchemaBuilder,
  type RJSFSchema,
  type RJSFValidationError,
  type ValidationData,
  type ValidatorType,
} from '@rjsf/utils';

/**
 * The @rjsf adapter of the e-form check. The messages come from `validateEform`, the function
 * the server refuses a filing with, so the form and the server say the same thing in the same
 * words. Validation interprets the schema (@cfworker/json-schema) instead of compiling it: AJV's
 * `new Function` is forbidden by our Content-Security-Policy (script-src 'self').
 */

function run(schema: RJSFSchema, data: unknown): OutputUnit[] {
  const result = new Validator(schema as Schema, '2020-12', false).validate(data ?? {});
  return result.valid ? [] : result.errors;
}

function toErrors(schema: RJSFSchema, formData: unknown): RJSFValidationError[] {
  return validateEform(schema as Record<string, unknown>, formData).map((issue) => ({
    name: 'eform',
    property: issue.path === '' ? '.' : `.${issue.path}`,
    message: issue.message,
    // rjsf's own error list shows the stack: the message alone, no field path.
    stack: issue.message,
  }));
}

export const eformValidator: ValidatorType = {
  validateFormData(formData, schema, customValidate, transformErrors, uiSchema) {
    let errors = toErrors(schema, formData);
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
  // rjsf asks these to pick a oneOf/anyOf branch and to read raw results: a yes/no, no messages.
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
