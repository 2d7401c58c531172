// The plain JSON objects the stream accumulators and protocols read and merge.

/** A JSON object, read field by field. */
export type Fields = Record<string, unknown>;

/** True for a JSON object (not null, not an array). */
export function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
