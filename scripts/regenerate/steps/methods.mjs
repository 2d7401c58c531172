import { operationKeys } from './published.mjs';

// When the project names its SDK methods in openapi/methods.yaml, every operation needs a row and
// every row an operation: a new operation is callable only once it has a name.

/** @param {{ rows: Record<string, string> | null }} methodNames @param {object} document the normalized document */
export function checkMethodNames(methodNames, document) {
  if (!methodNames.rows) return [];
  const operations = operationKeys(document);
  const problems = [];
  for (const operation of operations) {
    if (methodNames.rows[operation]) continue;
    problems.push({
      what: `operation "${operation}" (operationId ${operationIdOf(document, operation)}) has no SDK method name in openapi/methods.yaml`,
      where: 'openapi/openapi.yaml',
      file: 'openapi/methods.yaml',
    });
  }
  for (const operation of Object.keys(methodNames.rows)) {
    if (operations.includes(operation)) continue;
    problems.push({
      what: `the row "${operation}: ${methodNames.rows[operation]}" names no operation any more (remove it; the method goes with it)`,
      where: 'openapi/openapi.yaml',
      file: 'openapi/methods.yaml',
    });
  }
  return problems;
}

function operationIdOf(document, operation) {
  const [method, path] = operation.split(' ');
  return document.paths?.[path]?.[method.toLowerCase()]?.operationId ?? 'none';
}
