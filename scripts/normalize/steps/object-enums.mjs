import { walkDocumentSchemas } from '../walk.mjs';

/**
 * Defect: enums written as objects, `enum: [{ value: Router }, ...]`, instead of `enum: [Router, ...]`.
 * Unwraps every `{ value }` enum entry (literal entries with a `type` are left to fixLiteralEnums).
 */
export function fixObjectEnums(doc) {
  walkDocumentSchemas(doc, (schema) => {
    if (!Array.isArray(schema.enum)) return;
    schema.enum = schema.enum.map((entry) =>
      entry !== null && typeof entry === 'object' && !('type' in entry) && 'value' in entry ? entry.value : entry,
    );
  });
  return doc;
}
