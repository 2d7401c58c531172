// The types of the API, generated from openapi/openapi.yaml: request and response bodies as the
// API sends them (snake_case, nothing renamed). The root exports what users touch: every
// operation's request and response bodies and stream events, the error body, and the names the SDK
// always exported (scripts/generate/public-types.mjs says which). Every other schema is
// `Schemas.<Name>`, so autocompletion at the root stays readable and the generator's own plumbing
// (`*Data`, `*Responses`, `*Response2`) is not part of the public API.
export type * from '../generated/public-types.gen';
export type * as Schemas from '../generated/schemas.gen';
