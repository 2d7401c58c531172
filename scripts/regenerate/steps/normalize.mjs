import { join } from 'node:path';
import { normalize } from '../../normalize/pipeline.mjs';
import { ProblemsError } from '../../normalize/problems.mjs';

// The normalizer, in process: its result, or every problem it collected. A published schema that
// lands on a name the pages use and contradicts their schema is a problem when the new published
// version brought it (the older ones are in openapi/merge-report.md, decided or not yet).

/** @returns {{ result?: object, problems: object[] }} */
export function normalizeSources({ root, previousSchemaNames }) {
  let result;
  let collisions;
  const problems = [];
  try {
    result = normalize(join(root, 'openapi'));
    collisions = result.collisions;
  } catch (error) {
    if (!(error instanceof ProblemsError)) {
      // Not a decision but a defect of the normalizer or an input it cannot read: one line, no stack.
      return {
        problems: [
          { what: `the normalizer failed: ${error.message}`, where: 'npm run normalize', file: 'scripts/normalize/' },
        ],
      };
    }
    problems.push(...error.problems);
    collisions = error.facts.collisions ?? [];
  }
  const before = new Set(previousSchemaNames ?? []);
  for (const { name, conflicts } of collisions) {
    if (!previousSchemaNames || before.has(name)) continue;
    problems.push({
      what: `the new published schema "${name}" has the name of a docs pages' schema and contradicts it (${conflicts} conflicts in openapi/merge-report.md): give it its own name in names.yaml publishedSchemas, or map it to the pages' name if it is the same concept`,
      where: 'openapi/sources/published/openrouter-openapi.yaml',
      file: 'openapi/names.yaml',
    });
  }
  return problems.length > 0 ? { problems } : { result, problems };
}
