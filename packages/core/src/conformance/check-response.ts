import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { type JsonSchema, strictJsonSchema } from './json-schema.js';
import { findOperation, type SpecOperation } from './operations.js';
import { specDocuments } from './spec-documents.js';

/** A response as a test saw it. `body` is the parsed JSON, or the raw text, or undefined when empty. */
export interface ObservedResponse {
  method: string;
  url: string | URL;
  status: number;
  body: unknown;
}

/** Twilio's error body: exactly these four fields. */
export const twilioErrorSchema: JsonSchema = {
  type: 'object',
  properties: {
    code: { type: 'integer' },
    message: { type: 'string', minLength: 1 },
    more_info: { type: 'string', format: 'uri' },
    status: { type: 'integer', minimum: 400, maximum: 599 },
  },
  required: ['code', 'message', 'more_info', 'status'],
  additionalProperties: false,
};

// ajv-formats is CommonJS; under NodeNext its default export is the module object.
const addFormats =
  (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;
const ajv = new Ajv({ allErrors: true, strict: false });
(addFormats as unknown as (ajv: Ajv) => void)(ajv);
// Twilio's own formats: they describe meaning (a method, a rule, a map of URLs), the type says the shape.
// API v2010 writes dates as RFC 2822, e.g. `Mon, 13 Jun 2016 22:50:08 +0000`.
ajv.addFormat(
  'date-time-rfc-2822',
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$/,
);
for (const format of [
  'http-method',
  'uri-map',
  'subscribe-rule',
  'recording-rule',
  'mp4',
  'webm',
  'float',
  'int32',
  'int64',
]) {
  ajv.addFormat(format, true);
}

const validators = new Map<string, ValidateFunction>();

function validatorFor(key: string, schema: () => JsonSchema): ValidateFunction {
  let validate = validators.get(key);
  if (!validate) {
    validate = ajv.compile(schema());
    validators.set(key, validate);
  }
  return validate;
}

function componentsFor(operation: SpecOperation): Record<string, unknown> {
  const document = operation.server.includes('insights')
    ? specDocuments.insights
    : operation.server.includes('api.twilio.com')
      ? specDocuments.api
      : specDocuments.video;
  return document.components.schemas;
}

/**
 * What is wrong with a response, measured against the spec's schema for its operation and status (or
 * Twilio's error shape for 4xx/5xx). An empty list means it conforms.
 */
export function checkResponse({ method, url, status, body }: ObservedResponse): string[] {
  if (status >= 400) {
    const validate = validatorFor('error', () => twilioErrorSchema);
    const problems = validate(body) ? [] : describe(validate);
    if (typeof body === 'object' && body !== null && (body as { status?: unknown }).status !== status) {
      problems.push(
        `error body status ${(body as { status?: unknown }).status} differs from HTTP status ${status}`,
      );
    }
    return problems;
  }
  const operation = findOperation(method, url);
  if (!operation) return [`${method} ${String(url)} is not an operation of Twilio's spec`];
  if (!(String(status) in operation.responses)) {
    return [
      `${operation.operationId} answers ${Object.keys(operation.responses).join('/')} in the spec, not ${status}`,
    ];
  }
  const schema = operation.responses[String(status)];
  if (schema === null) {
    return body === undefined || body === ''
      ? []
      : [`${operation.operationId} ${status} must have an empty body`];
  }
  const validate = validatorFor(`${operation.operationId} ${status}`, () =>
    strictJsonSchema(schema, componentsFor(operation)),
  );
  return validate(body) ? [] : describe(validate).map((problem) => `${operation.operationId}: ${problem}`);
}

function describe(validate: ValidateFunction): string[] {
  return (validate.errors ?? []).map((error) => {
    const where = error.instancePath || '(body)';
    const extra =
      error.keyword === 'additionalProperties' ? ` (${String(error.params.additionalProperty)})` : '';
    return `${where} ${error.message ?? error.keyword}${extra}`;
  });
}

/** Throws with every problem listed when a response does not conform; for use in tests. */
export function assertConforms(response: ObservedResponse): void {
  const problems = checkResponse(response);
  if (problems.length > 0) {
    throw new Error(
      `${response.method} ${String(response.url)} → ${response.status} does not match Twilio's spec:\n  ${problems.join('\n  ')}`,
    );
  }
}
