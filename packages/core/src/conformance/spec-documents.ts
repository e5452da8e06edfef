import { createRequire } from 'node:module';

/** The slice of an OpenAPI 3.0 document that conformance checks read. */
export interface OpenApiDocument {
  servers?: { url: string }[];
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, unknown> };
}

// The vendored specs live in packages/core/spec, two levels above both src/conformance and dist/conformance.
const require = createRequire(import.meta.url);

export const specDocuments = {
  video: require('../../spec/twilio_video_v1.json') as OpenApiDocument,
  insights: require('../../spec/twilio_insights_v1_video.json') as OpenApiDocument,
  api: require('../../spec/twilio_api_v2010_keys.json') as OpenApiDocument,
} as const;
