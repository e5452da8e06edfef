export { assertConforms, checkResponse, type ObservedResponse, twilioErrorSchema } from './check-response.js';
export { type JsonSchema, strictJsonSchema } from './json-schema.js';
export {
  apiKeyOperations,
  findOperation,
  insightsVideoOperations,
  type SpecOperation,
  specOperations,
  videoOperations,
} from './operations.js';
export { type OpenApiDocument, specDocuments } from './spec-documents.js';
