// Types for scripts/spec-diff/ (index.mjs) (plain JavaScript, no build step), so TypeScript tests can import it.

export type ChangeGroup = 'Operations' | 'Parameters' | 'Request bodies' | 'Responses' | 'Schemas';

export interface Change {
  /** What happened, e.g. `property-removed`, `enum-value-added`, `operation-id-changed`. */
  kind: string;
  /** The Markdown heading the change is listed under. */
  group: ChangeGroup;
  /** Where: `GET /models/{author}/{slug}/endpoints 200 data.endpoints[].status`, `components.schemas.X.properties.y`, ... */
  location: string;
  /** A short human description, e.g. "required property added". */
  message: string;
}

export interface DiffResult {
  breaking: Change[];
  /** Not breaking on the wire but may surprise clients (e.g. a value added to a closed response enum). */
  attention: Change[];
  nonBreaking: Change[];
}

/** Compares two parsed OpenAPI 3.x documents. Each list is sorted deterministically. */
export function diffSpecs(oldDoc: unknown, newDoc: unknown): DiffResult;

/** Markdown report, breaking changes first; "No API changes.\n" when there is none. With `touches`, each
 * line names the operations it touches, with `methodOf` their SDK methods. */
export function renderMarkdown(
  result: DiffResult,
  options?: { touches?: Record<string, string[]>; methodOf?: (operation: string) => string | undefined },
): string;

/** location -> the operations (`METHOD /path`) a change there touches, components followed through `$ref`s. */
export function operationsTouched(result: DiffResult, oldDoc: unknown, newDoc: unknown): Record<string, string[]>;

/** component name -> the operations that reach it through `$ref`s. */
export function componentOperations(doc: unknown): Map<string, Set<string>>;

/** The SDK method names: openapi/methods.yaml in `openapiDir` when there is one, else the operationId. */
export function loadMethodNames(openapiDir: string): {
  source: string;
  rows: Record<string, string> | null;
  methodOf(operation: string, operationId?: string): string | undefined;
};

/** operation -> SDK method, for the operations of either document. */
export function methodLookup(
  oldDoc: unknown,
  newDoc: unknown,
  names: ReturnType<typeof loadMethodNames>,
): (operation: string) => string | undefined;

/** Parses YAML or JSON text and checks that it is an OpenAPI 3.x document; errors name `name`. */
export function parseSpec(text: string, name: string): Record<string, unknown>;

/** Reads a document from a file or from `git:<rev>:<path>`. */
export function loadSpec(spec: string, options?: { cwd?: string }): Record<string, unknown>;

/** The command line; returns the exit code (0, 1 for breaking changes with --fail-on-breaking, 2 for errors). */
export function main(
  argv: string[],
  io?: { stdout?: { write(s: string): unknown }; stderr?: { write(s: string): unknown }; cwd?: string },
): number;
