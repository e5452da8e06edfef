import { type ApiSchema, type ApiSpec, resolvedSchema } from './api-spec.js';

// The checks the twilio CLI makes of a flag's value against its parameter's schema, before any request,
// with its wording. Like the twilio CLI, dates and URIs are left to the API.

function integerProblems(schema: ApiSchema, value: unknown): string[] {
  if (!/^[+-]?\d+$/.test(String(value))) return [`"${value}" is not a valid integer`];
  return numberProblems(schema, value);
}

function numberProblems(schema: ApiSchema, value: unknown): string[] {
  const number = Number(value);
  if (String(value).trim() === '' || Number.isNaN(number)) return [`"${value}" is not a valid number`];
  const problems: string[] = [];
  if (schema.minimum !== undefined && number < schema.minimum)
    problems.push(`"${value}" is less than min (${schema.minimum})`);
  if (schema.maximum !== undefined && number > schema.maximum)
    problems.push(`"${value}" is greater than max (${schema.maximum})`);
  return problems;
}

function stringProblems(schema: ApiSchema, value: unknown): string[] {
  if (typeof value !== 'string') return [`"${value}" is not a string`];
  if (value.length === 0) return [];
  const problems: string[] = [];
  if (schema.minLength && value.length < schema.minLength)
    problems.push(`"${value}" length (${value.length}) is less than min (${schema.minLength})`);
  if (schema.maxLength && value.length > schema.maxLength)
    problems.push(`"${value}" length (${value.length}) is greater than max (${schema.maxLength})`);
  if (schema.pattern && !new RegExp(schema.pattern).test(value))
    problems.push(`"${value}" does not match pattern "${schema.pattern}"`);
  if (schema.enum && !schema.enum.includes(value)) problems.push(`"${value}" is not one of "${schema.enum}"`);
  return problems;
}

/** What is wrong with `value` for `schema` (none: an empty list). Enums are followed through `$ref`. */
export function valueProblems(spec: ApiSpec, declared: ApiSchema | undefined, value: unknown): string[] {
  const schema = resolvedSchema(spec, declared);
  switch (schema?.type) {
    case 'array':
      return Array.isArray(value)
        ? value.flatMap((item) => valueProblems(spec, schema.items, item))
        : [`"${value}" is not an array`];
    case 'boolean':
      return typeof value === 'boolean' ? [] : [`"${value}" is not a boolean`];
    case 'integer':
      return integerProblems(schema, value);
    case 'number':
      return numberProblems(schema, value);
    case 'string':
      return stringProblems(schema, value);
    default:
      return [];
  }
}
