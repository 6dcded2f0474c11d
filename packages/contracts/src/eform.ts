/**
 * E-forms (tờ khai điện tử): a procedure's form is a plain JSON Schema (draft 2020-12) edited as
 * data by the province. The browser and the server check the answers with this one function, so
 * both say the same thing, in Vietnamese, naming the field by its title and never by its path.
 *
 * @cfworker/json-schema interprets the schema: the usual AJV compiles it with `new Function`,
 * which the web's Content-Security-Policy (script-src 'self') forbids, and an e-form changes at
 * run time so it cannot be precompiled.
 */
import { Validator, type OutputUnit, type Schema } from '@cfworker/json-schema';
import { z } from 'zod';

/** The signed-in citizen's VNeID claims a field may be prefilled from (`"x-prefill"`). */
export const PrefillClaim = z.enum([
  'name',
  'idNumber',
  'birthDate',
  'gender',
  'address',
  'phone',
  'email',
]);
export type PrefillClaim = z.infer<typeof PrefillClaim>;

/**
 * Patterns the default e-forms use, each with the plain words that explain it: a phone number
 * as Vietnamese numbering writes it, and the 12-digit personal identification number (Luật Căn
 * cước 2023 Art. 12).
 */
export const EFORM_PATTERNS = {
  phone: '^(0|\\+84)\\d{9,10}$',
  idNumber: '^\\d{12}$',
} as const;

const PATTERN_HINTS: Record<string, string> = {
  [EFORM_PATTERNS.phone]: 'gồm 10 hoặc 11 chữ số, bắt đầu bằng 0 hoặc +84',
  [EFORM_PATTERNS.idNumber]: 'gồm đúng 12 chữ số',
};

export interface EformIssue {
  /** Dotted path relative to the answers, e.g. `child.birthDate`. */
  path: string;
  message: string;
}

type Node = Record<string, unknown>;

const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A local `$ref` ("#/$defs/person") resolved against the root; other refs are left alone. */
function deref(root: Node, node: Node): Node {
  let current = node;
  for (let hops = 0; hops < 10 && typeof current['$ref'] === 'string'; hops++) {
    const ref = current['$ref'];
    if (!ref.startsWith('#/')) break;
    let target: unknown = root;
    for (const part of ref.slice(2).split('/')) {
      target = isNode(target) ? target[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
    }
    if (!isNode(target)) break;
    current = { ...target, ...current, $ref: undefined };
  }
  return current;
}

/**
 * The schema with `"x-order"` (its fields' keys in order) on every group that has fields. The
 * order of an e-form's fields is what the citizen reads top to bottom, and PostgreSQL's jsonb,
 * where e-forms are kept, does not keep key order: a stored e-form carries it in this array and
 * is read back through restoreFieldOrder. An order already stated is kept.
 */
export function withFieldOrder<T extends Record<string, unknown>>(schema: T): T {
  const stamp = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(stamp);
    if (!isNode(value)) return value;
    const out: Node = {};
    for (const [key, child] of Object.entries(value)) {
      // Under `properties` the keys are field names, not keywords: each child is a schema.
      out[key] =
        key === 'properties' && isNode(child)
          ? Object.fromEntries(Object.entries(child).map(([k, v]) => [k, stamp(v)]))
          : key === 'const' || key === 'enum' || key === 'default' || key === 'examples'
            ? child
            : stamp(child);
    }
    if (
      isNode(value['properties']) &&
      Object.keys(value['properties']).length > 0 &&
      !Array.isArray(value['x-order'])
    ) {
      out['x-order'] = Object.keys(value['properties']);
    }
    return out;
  };
  return stamp(schema) as T;
}

/**
 * The schema as it was written: each group's fields back in their stated order, the `x-order`
 * that carried it through storage removed (the inverse of withFieldOrder).
 */
export function restoreFieldOrder<T extends Record<string, unknown>>(schema: T): T {
  const restore = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(restore);
    if (!isNode(value)) return value;
    const out: Node = {};
    for (const [key, child] of Object.entries(value)) {
      if (key === 'x-order' && isNode(value['properties'])) continue;
      out[key] =
        key === 'properties' && isNode(child)
          ? Object.fromEntries(orderedKeys(value).map((k) => [k, restore(child[k])]))
          : key === 'const' || key === 'enum' || key === 'default' || key === 'examples'
            ? child
            : restore(child);
    }
    return out;
  };
  return restore(schema) as T;
}

/** A group's field keys in the order the form shows them (`x-order` first, then the rest). */
function orderedKeys(node: Node): string[] {
  const props = isNode(node['properties']) ? Object.keys(node['properties']) : [];
  const stated = Array.isArray(node['x-order'])
    ? (node['x-order'] as unknown[]).filter((k): k is string => props.includes(String(k)))
    : [];
  return [...stated, ...props.filter((k) => !stated.includes(k))];
}

/** The schema of a child: declared under properties/items, or in an allOf/if-then branch. */
function childSchema(root: Node, parent: Node, key: string): Node | undefined {
  const node = deref(root, parent);
  const props = node['properties'];
  if (isNode(props) && isNode(props[key])) return deref(root, props[key]);
  if (/^\d+$/.test(key) && isNode(node['items'])) return deref(root, node['items']);
  for (const branch of [
    ...(Array.isArray(node['allOf']) ? node['allOf'] : []),
    node['then'],
    node['else'],
  ]) {
    if (isNode(branch)) {
      const found = childSchema(root, branch, key);
      if (found) return found;
    }
  }
  return undefined;
}

function schemaAt(root: Node, path: string[]): Node | undefined {
  let node: Node | undefined = root;
  for (const key of path) {
    if (!node) return undefined;
    node = childSchema(root, node, key);
  }
  return node;
}

/** The field's title as a phrase inside a sentence: "Họ và tên" → "họ và tên"; "CCCD" kept. */
function inSentence(title: string): string {
  const [first, second] = [...title];
  if (first && second && second === second.toLowerCase() && first !== first.toLowerCase()) {
    return first.toLowerCase() + title.slice(first.length);
  }
  return title;
}

const titleOf = (schema: Node | undefined, key: string | undefined): string =>
  typeof schema?.['title'] === 'string' && schema['title'].trim() !== ''
    ? schema['title'].trim()
    : (key ?? 'tờ khai');

/** A field answered from a list (enum, or oneOf of const+title) is chosen, not typed. */
const isChoice = (schema: Node | undefined) =>
  Array.isArray(schema?.['enum']) ||
  (Array.isArray(schema?.['oneOf']) && schema['oneOf'].every((b) => isNode(b) && 'const' in b));

/** Today in Vietnam (UTC+7, no daylight saving), as YYYY-MM-DD. */
export function vietnamToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

function messageFor(unit: OutputUnit, schema: Node | undefined, key: string | undefined): string {
  const title = titleOf(schema, key);
  const Title = title.charAt(0).toUpperCase() + title.slice(1);
  const words = inSentence(title);
  const number = (keyword: string) => {
    const raw = /(-?\d+(?:\.\d+)?)/.exec(unit.error)?.[1];
    return typeof schema?.[keyword] === 'number' ? String(schema[keyword]) : (raw ?? '');
  };
  switch (unit.keyword) {
    case 'required':
      return isChoice(schema) ? `Chưa chọn ${words}` : `Chưa nhập ${words}`;
    case 'pattern': {
      const hint = PATTERN_HINTS[String(schema?.['pattern'])];
      return hint ? `${Title} phải ${hint}` : `${Title} không đúng định dạng`;
    }
    case 'format':
      return schema?.['format'] === 'date'
        ? `${Title} không phải là một ngày có thật`
        : schema?.['format'] === 'email'
          ? `${Title} không đúng định dạng (ví dụ: ten@example.com)`
          : `${Title} không đúng định dạng`;
    case 'type':
      return schema?.['type'] === 'integer' || schema?.['type'] === 'number'
        ? `${Title} phải là một số`
        : `${Title} không đúng kiểu dữ liệu`;
    case 'minLength':
      return `${Title} phải có ít nhất ${number('minLength')} ký tự`;
    case 'maxLength':
      return `${Title} không được dài quá ${number('maxLength')} ký tự`;
    case 'minimum':
    case 'exclusiveMinimum':
      return `${Title} phải từ ${number('minimum')} trở lên`;
    case 'maximum':
    case 'exclusiveMaximum':
      return `${Title} không được lớn hơn ${number('maximum')}`;
    case 'enum':
    case 'const':
    case 'oneOf':
    case 'anyOf':
      return `Chọn ${words} trong danh sách`;
    case 'minItems':
      return `Cần ít nhất ${number('minItems')} mục ${words}`;
    case 'maxItems':
      return `Không được quá ${number('maxItems')} mục ${words}`;
    case 'additionalProperties':
    case 'unevaluatedProperties':
    case 'false':
      return `Tờ khai không có mục “${key ?? ''}”`;
    default:
      return `${Title} không hợp lệ`;
  }
}

/** Keywords that only say a child failed; the child's own error carries the message. */
const WRAPPERS = new Set([
  'properties',
  'items',
  'prefixItems',
  'allOf',
  '$ref',
  '$dynamicRef',
  'if',
  'then',
  'else',
  'dependentSchemas',
  'patternProperties',
]);

/** "#/a/0/b" → ["a", "0", "b"]; a `required` error points at the missing child. */
function pathOf(unit: OutputUnit): string[] {
  const parts = unit.instanceLocation
    .replace(/^#\/?/, '')
    .split('/')
    .filter(Boolean)
    .map((p) => decodeURIComponent(p).replace(/~1/g, '/').replace(/~0/g, '~'));
  if (unit.keyword === 'required') {
    const missing = /"([^"]+)"/.exec(unit.error)?.[1];
    if (missing !== undefined) parts.push(missing);
  }
  return parts;
}

/**
 * Answers as checked: a blank text counts as not answered (the browser sends "" for a cleared
 * field, and "   " is no name), and a required group that was left out entirely is checked as
 * an empty group, so that each of its fields is named instead of the group as a whole.
 */
function normalised(root: Node, schema: Node, data: unknown): unknown {
  const node = deref(root, schema);
  if (typeof data === 'string' && data.trim() === '') return undefined;
  if (Array.isArray(data)) {
    return data.map((item, i) => {
      const child = childSchema(root, node, String(i));
      return child ? normalised(root, child, item) : item;
    });
  }
  if (!isNode(data)) return data;
  const out: Node = {};
  for (const [key, value] of Object.entries(data)) {
    const child = childSchema(root, node, key);
    const v = child ? normalised(root, child, value) : value;
    if (v !== undefined) out[key] = v;
  }
  const required = Array.isArray(node['required']) ? (node['required'] as string[]) : [];
  for (const key of required) {
    const child = childSchema(root, node, key);
    if (out[key] === undefined && child && child['type'] === 'object') {
      out[key] = normalised(root, child, {});
    }
  }
  return out;
}

/** Field paths in the order the form shows them, so that an error summary reads top-down. */
function fieldOrder(root: Node, schema: Node, prefix: string[], out: string[]): string[] {
  const node = deref(root, schema);
  const props = node['properties'];
  if (isNode(props)) {
    for (const key of orderedKeys(node)) {
      const child = props[key];
      if (!isNode(child)) continue;
      const path = [...prefix, key];
      out.push(path.join('.'));
      fieldOrder(root, child, path, out);
    }
  }
  if (isNode(node['items'])) fieldOrder(root, node['items'], prefix, out);
  return out;
}

/** Dates the schema marks `"x-notFuture": true` (a birth, a death) that lie after today. */
function futureDates(root: Node, schema: Node, data: unknown, today: string, path: string[]) {
  const issues: EformIssue[] = [];
  const node = deref(root, schema);
  if (isNode(data)) {
    for (const [key, value] of Object.entries(data)) {
      const child = childSchema(root, node, key);
      if (child) issues.push(...futureDates(root, child, value, today, [...path, key]));
    }
  } else if (node['x-notFuture'] === true) {
    const late =
      (typeof data === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(data) && data > today) ||
      (typeof data === 'number' && data > Number(today.slice(0, 4)));
    if (late) {
      const title = titleOf(node, path.at(-1));
      const when = typeof data === 'number' ? 'năm nay' : 'ngày hôm nay';
      issues.push({
        path: path.join('.'),
        message: `${title.charAt(0).toUpperCase()}${title.slice(1)} không được sau ${when}`,
      });
    }
  }
  return issues;
}

/**
 * Checks e-form answers against the e-form. Returns one issue per field at fault, in the form's
 * order: the path is dotted relative to the answers (`child.birthDate`), the message names the
 * field by its title, in Vietnamese. `today` (YYYY-MM-DD, Vietnam time) bounds `x-notFuture`
 * dates; it defaults to today's date.
 */
export function validateEform(
  schema: Record<string, unknown>,
  data: unknown,
  options: { today?: string } = {},
): EformIssue[] {
  const root = schema as Node;
  const answers = normalised(root, root, data ?? {});
  const result = new Validator(root as Schema, '2020-12', false).validate(answers);
  const issues: EformIssue[] = [];
  const seen = new Set<string>();
  for (const unit of result.valid ? [] : result.errors) {
    if (WRAPPERS.has(unit.keyword)) continue;
    // A choice among labelled constants (oneOf of const+title) fails in every branch; its own
    // oneOf error says it once.
    if (/\/(oneOf|anyOf)\/\d+\//.test(unit.keywordLocation)) continue;
    const path = pathOf(unit);
    const key = path.join('.');
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push({ path: key, message: messageFor(unit, schemaAt(root, path), path.at(-1)) });
  }
  for (const late of futureDates(root, root, answers, options.today ?? vietnamToday(), [])) {
    if (!seen.has(late.path)) issues.push(late);
  }
  const order = fieldOrder(root, root, [], []);
  const rank = (path: string) => {
    const i = order.indexOf(path.replace(/\.\d+(?=\.|$)/g, ''));
    return i === -1 ? order.length : i;
  };
  return issues.sort((a, b) => rank(a.path) - rank(b.path));
}

/** One row of the answers as a person reads them: the field's title and its value in words. */
export const EformAnswerRow = z.object({ title: z.string(), value: z.string() });
/** A group of answers; `heading` is the group's title (null: the form's top-level fields). */
export const EformAnswerSection = z.object({
  heading: z.string().nullable(),
  rows: z.array(EformAnswerRow),
});
export type EformAnswerSection = z.infer<typeof EformAnswerSection>;

/** "2026-11-20" → "20/11/2026": dates as Vietnamese documents write them. */
const vnDate = (iso: string) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
};

function valueText(schema: Node | undefined, value: unknown): string {
  if (typeof value === 'boolean') return value ? 'Có' : 'Không';
  const oneOf = schema?.['oneOf'];
  if (Array.isArray(oneOf)) {
    const chosen = oneOf.find((b) => isNode(b) && b['const'] === value) as Node | undefined;
    if (typeof chosen?.['title'] === 'string') return chosen['title'];
  }
  if (Array.isArray(value)) return value.map((v) => valueText(undefined, v)).join(', ');
  if (typeof value === 'string' && schema?.['format'] === 'date') return vnDate(value);
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

/**
 * The answers as sections of title/value rows, in the form's order, for the receipt (form 01)
 * and the dossier pages. A group (a nested object) becomes its own section headed by its title;
 * an answer the e-form no longer has (the province changed the form since) is kept under its key.
 */
export function describeEform(
  schema: Record<string, unknown> | null,
  data: Record<string, unknown>,
): EformAnswerSection[] {
  const root = (schema ?? {}) as Node;
  const sections: EformAnswerSection[] = [];
  const walk = (node: Node, value: Node, heading: string | null) => {
    const own: EformAnswerSection = { heading, rows: [] };
    sections.push(own);
    const fields = orderedKeys(deref(root, node));
    const keys = [...fields, ...Object.keys(value).filter((k) => !fields.includes(k))];
    for (const key of keys) {
      const answer = value[key];
      if (answer === undefined || answer === null || answer === '') continue;
      const child = childSchema(root, node, key);
      const title = titleOf(child, key);
      if (isNode(answer)) {
        walk(child ?? {}, answer, heading ? `${heading} — ${title}` : title);
      } else if (Array.isArray(answer) && answer.some(isNode)) {
        answer.forEach((item, i) => {
          if (isNode(item))
            walk(childSchema(root, child ?? {}, String(i)) ?? {}, item, `${title} ${i + 1}`);
        });
      } else {
        const text = valueText(child, answer);
        if (text !== '') own.rows.push({ title, value: text });
      }
    }
  };
  walk(root, data, null);
  return sections.filter((s) => s.rows.length > 0);
}
