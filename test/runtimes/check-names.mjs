// The names of the runtime checks, in the order they run (checks.mjs); the matrix test expects a
// result for each one from every runtime, so a check that silently did not run is a failure.
export const CHECK_NAMES = [
  'list models',
  'model endpoints',
  'chat completion',
  'stream: for await',
  'stream: finalCompletion()',
  'stream: error chunk is a typed error',
  '429 is retried',
  'NotFoundError',
  'timeout: APITimeoutError',
  'abort mid-stream: APIUserAbortError',
  'pre-aborted signal: APIUserAbortError',
  'PKCE',
];
