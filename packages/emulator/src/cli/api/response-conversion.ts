import { type ApiSchema, type ApiSpec, resolvedSchema } from './api-spec.js';
import { camelCase } from './naming-conventions.js';

// The twilio CLI reads a response through its schema: fields the schema declares get camel-cased names
// (`date_created` → `dateCreated`), fields it does not declare are dropped, and date-times become dates.
// Free-form objects (no declared properties, like `links`) are kept as they came.

function convertedObject(spec: ApiSpec, schema: ApiSchema, value: Record<string, unknown>) {
  if (!schema.properties) return value;
  const converted: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(schema.properties)) {
    if (value[name] !== undefined) converted[camelCase(name)] = convertedValue(spec, field, value[name]);
  }
  return converted;
}

function convertedString(schema: ApiSchema, value: unknown): unknown {
  if (schema.format !== 'date-time' && schema.format !== 'date-time-rfc-2822') return value;
  const date = new Date(String(value));
  return Number.isNaN(date.getTime()) ? value : date;
}

export function convertedValue(spec: ApiSpec, declared: ApiSchema | undefined, value: unknown): unknown {
  const schema = resolvedSchema(spec, declared);
  if (!schema || !value) return value;
  if (schema.type === 'array' && Array.isArray(value))
    return value.map((item) => convertedValue(spec, schema.items, item));
  if ((schema.type === 'object' || schema.properties) && typeof value === 'object')
    return convertedObject(spec, schema, value as Record<string, unknown>);
  if (schema.type === 'string') return convertedString(schema, value);
  return value;
}

/** The schema of the response for `status`: its own, or its class's (`2XX`). */
export function responseSchema(
  responses: Record<string, { content?: Record<string, { schema: ApiSchema }> }>,
  status: number,
): ApiSchema | undefined {
  const response = responses[String(status)] ?? responses[`${String(status)[0]}XX`];
  return response?.content?.['application/json']?.schema;
}
