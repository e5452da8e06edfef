/** The part of an OpenAPI 3.0 schema that the api commands read: to check a flag, or convert a response. */
export interface ApiSchema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: string[];
  items?: ApiSchema;
  properties?: Record<string, ApiSchema>;
  required?: string[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  description?: string;
}

export interface ApiParameter {
  name: string;
  in: 'path' | 'query' | 'header';
  description?: string;
  required?: boolean;
  schema: ApiSchema;
}

export interface ApiOperationSpec {
  summary?: string;
  description?: string;
  parameters?: ApiParameter[];
  requestBody?: { content: Record<string, { schema: ApiSchema }> };
  responses: Record<string, { content?: Record<string, { schema: ApiSchema }> }>;
  'x-maturity'?: string[];
}

/** Twilio's hints for its tools: `list` or `instance`, and the columns a table shows by default. */
export interface TwilioPathHints {
  pathType?: 'list' | 'instance';
  defaultOutputProperties?: string[];
}

export interface ApiPathItem {
  description?: string;
  'x-twilio'?: TwilioPathHints;
  get?: ApiOperationSpec;
  post?: ApiOperationSpec;
  delete?: ApiOperationSpec;
}

export interface ApiSpec {
  file: string;
  servers: { url: string }[];
  paths: Record<string, ApiPathItem>;
  components: { schemas: Record<string, ApiSchema> };
}

/** The vendored specs, by the domain name the twilio CLI gives each (`video`, `insights`, `api`). */
export type ApiSpecs = Record<string, ApiSpec>;

/** A schema with its `$ref` followed (the specs' refs are all local: `#/components/schemas/...`). */
export function resolvedSchema(spec: ApiSpec, schema: ApiSchema | undefined): ApiSchema | undefined {
  if (!schema?.$ref) return schema;
  const target = spec.components.schemas[schema.$ref.replace('#/components/schemas/', '')];
  return target ? { ...target, ...withoutRef(schema) } : schema;
}

function withoutRef({ $ref: _ref, ...rest }: ApiSchema): ApiSchema {
  return rest;
}
