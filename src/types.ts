// The types of the API, generated from openapi/openapi.yaml: request and response bodies as the
// API sends them (snake_case, nothing renamed). The root exports what users touch: every
// operation's request and response bodies and stream events, the error body, and the names the SDK
// always exported (scripts/generate/public-types.mjs says which), so autocompletion at the root
// stays readable and the generator's own plumbing (`*Data`, `*Responses`, `*Response2`) is not part
// of the public API. Every schema of the description is in the types-only `openrouter-ts/schemas`.
export type * from '../generated/public-types.gen';
