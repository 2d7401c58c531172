import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** Where the published description and its SOURCE.yaml (version, date, origin, license) live. */
export const PUBLISHED_DIR = join('sources', 'published');
export const PUBLISHED_FILE = 'openrouter-openapi.yaml';

/**
 * OpenRouter's published OpenAPI description, kept verbatim under openapi/sources/published/, with
 * the facts about it from SOURCE.yaml. Missing or unreadable files are errors that say which.
 */
export function loadPublished(openapiDir) {
  const dir = join(openapiDir, PUBLISHED_DIR);
  const file = join(dir, PUBLISHED_FILE);
  const sourceFile = join(dir, 'SOURCE.yaml');
  if (!existsSync(file))
    throw new Error(`openapi/${PUBLISHED_DIR}/${PUBLISHED_FILE} is missing (the published description)`);
  if (!existsSync(sourceFile))
    throw new Error(`openapi/${PUBLISHED_DIR}/SOURCE.yaml is missing (its version and origin)`);
  const source = parse(readFileSync(sourceFile, 'utf8'));
  for (const key of ['version', 'date', 'origin', 'license']) {
    if (source?.[key] === undefined) throw new Error(`openapi/${PUBLISHED_DIR}/SOURCE.yaml: needs "${key}"`);
  }
  let document;
  try {
    document = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`openapi/${PUBLISHED_DIR}/${PUBLISHED_FILE} is not YAML/JSON: ${error.message}`);
  }
  if (!/^3\.1\./.test(String(document?.openapi ?? ''))) {
    throw new Error(`openapi/${PUBLISHED_DIR}/${PUBLISHED_FILE}: OpenAPI 3.1 expected, found "${document?.openapi}"`);
  }
  if (typeof document.paths !== 'object' || document.paths === null) {
    throw new Error(`openapi/${PUBLISHED_DIR}/${PUBLISHED_FILE}: has no paths`);
  }
  return { document, source, label: `published ${source.version}` };
}
