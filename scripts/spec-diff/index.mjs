// The API-change report as a library: read two OpenAPI 3.x documents, compare them, render the result.
// The command line is cli.mjs (npm run spec:diff).
export { diffSpecs } from './compare.mjs';
export { loadMethodNames, methodLookup } from './methods.mjs';
export { loadSpec, parseSpec } from './read.mjs';
export { renderMarkdown } from './render.mjs';
export { componentOperations, operationsTouched } from './touches.mjs';
