/**
 * Turns an OpenAPI 3.0 schema from Twilio's spec into a strict JSON Schema: `$ref`s inlined,
 * `nullable` as a null type, and every declared property required with no others allowed, because
 * Twilio writes every field of a resource (null when empty) and nothing else. Two exceptions follow
 * Twilio's own examples: objects annotated `@JsonInclude(NON_NULL)` (recording rules) omit unset fields
 * instead of writing null, and subscribe rules write every unset field as null.
 */
export type JsonSchema = { [key: string]: unknown };

export function strictJsonSchema(
  schema: unknown,
  components: Record<string, unknown>,
  seen: string[] = [],
): JsonSchema {
  if (typeof schema !== 'object' || schema === null) return {};
  const source = schema as JsonSchema;
  if (typeof source.$ref === 'string') {
    const name = source.$ref.replace('#/components/schemas/', '');
    if (seen.includes(name)) throw new Error(`recursive schema ${name} is not supported`);
    const target = strictJsonSchema(components[name], components, [...seen, name]);
    // `nullable` beside a `$ref` counts, though OpenAPI 3.0 ignores a `$ref`'s siblings: the Insights
    // spec marks its enum fields so, and a summary has no `end_reason` while its room runs.
    return source.nullable === true ? nullable(target) : target;
  }
  const out: JsonSchema = {};
  const omitsNulls = String(source['x-class-extra-annotation'] ?? '').includes('NON_NULL');
  const nullsUnset = source.format === 'subscribe-rule';
  for (const [key, value] of Object.entries(source)) {
    if (key === 'properties') {
      const properties = value as Record<string, unknown>;
      out.properties = Object.fromEntries(
        Object.entries(properties).map(([name, property]) => {
          let strict = strictJsonSchema(property, components, seen);
          // Twilio's `*_uri` fields are paths relative to the API host (its `*_url` fields are absolute).
          if ((name === 'uri' || name.endsWith('_uri')) && strict.format === 'uri')
            strict = { ...strict, format: 'uri-reference' };
          return [name, nullsUnset ? nullable(strict) : strict];
        }),
      );
      out.required = omitsNulls ? [] : Object.keys(properties);
      out.additionalProperties = false;
    } else if (key === 'items') {
      out.items = strictJsonSchema(value, components, seen);
    } else if (
      ['type', 'enum', 'format', 'minimum', 'maximum', 'minLength', 'maxLength', 'pattern'].includes(key)
    ) {
      out[key] = value;
    }
  }
  return source.nullable === true ? nullable(out) : out;
}

function nullable(schema: JsonSchema): JsonSchema {
  const out = { ...schema };
  if (typeof out.type === 'string') out.type = [out.type, 'null'];
  if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
  return out;
}
