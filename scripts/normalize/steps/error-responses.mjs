import { operations } from '../walk.mjs';

export const ERROR_SCHEMA = 'ErrorResponse';

/**
 * Defect: error responses with empty content (`content: {}`) or none. Every 4xx/5xx response gets
 * the one shared error body the API really sends, `#/components/schemas/ErrorResponse`.
 */
export function describeErrorResponses(doc) {
  for (const { op } of operations(doc)) {
    for (const [status, response] of Object.entries(op.responses ?? {})) {
      if (!/^[45]/.test(status)) continue;
      const content = response.content ?? {};
      if (Object.keys(content).length > 0 && Object.values(content).every((media) => media.schema)) continue;
      response.content = { 'application/json': { schema: { $ref: `#/components/schemas/${ERROR_SCHEMA}` } } };
    }
  }
  return doc;
}
