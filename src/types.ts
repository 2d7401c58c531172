// The types of the API, generated from openapi/openapi.yaml: request and response bodies as the
// API sends them (snake_case, nothing renamed).
export type * from '../generated/types.gen';
