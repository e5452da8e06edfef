import { Option } from 'commander';
import type { ApiOperation } from './api-operations.js';
import { type ApiParameter, resolvedSchema } from './api-spec.js';
import { kebabCase } from './naming-conventions.js';

/** `RoomSid` → `room-sid`; `DateCreated<` → `date-created-before`, as the twilio CLI names flags. */
export function flagName(parameter: ApiParameter): string {
  return kebabCase(parameter.name.replace('<', 'Before').replace('>', 'After'));
}

/** Required as the spec says, except v2010's AccountSid: it defaults to the credentials' account. */
export function isRequired(operation: ApiOperation, parameter: ApiParameter): boolean {
  const defaulted = parameter.name === 'AccountSid' && operation.domain === 'api';
  return !defaulted && parameter.required === true;
}

/** The help's placeholder for a value: an enum's values in lower case, as the twilio CLI shows them. */
function placeholder(operation: ApiOperation, parameter: ApiParameter): string {
  const schema = resolvedSchema(operation.spec, parameter.schema);
  const valueSchema = schema?.type === 'array' ? resolvedSchema(operation.spec, schema.items) : schema;
  const values = [...new Set(valueSchema?.enum?.map((value) => value.toLowerCase()))];
  const shown = values.length > 0 ? values.join('|') : 'value';
  return schema?.type === 'array' ? `<${shown}...>` : `<${shown}>`;
}

/** The parameter's description, else its type's (an enum's, behind a `$ref`). */
function described(operation: ApiOperation, parameter: ApiParameter): string {
  const text = parameter.description ?? resolvedSchema(operation.spec, parameter.schema)?.description ?? '';
  return text.replace(/\s+/g, ' ').trim();
}

/** The flag (or, for a boolean, the `--x`/`--no-x` pair) of one parameter. */
export function parameterOptions(operation: ApiOperation, parameter: ApiParameter): Option[] {
  const name = flagName(parameter);
  const type = resolvedSchema(operation.spec, parameter.schema)?.type;
  if (type === 'boolean')
    return [
      new Option(`--${name}`, described(operation, parameter)).makeOptionMandatory(
        isRequired(operation, parameter),
      ),
      new Option(`--no-${name}`, `sets ${name} to false`),
    ];
  return [
    new Option(
      `--${name} ${placeholder(operation, parameter)}`,
      described(operation, parameter),
    ).makeOptionMandatory(isRequired(operation, parameter)),
  ];
}
